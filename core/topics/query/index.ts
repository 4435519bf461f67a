/**
 * Écoute's listening query language: parse, validate, describe and evaluate topic queries.
 * Grammar and semantics: README, "Listening queries"; precedence and keyword lists: parser.ts;
 * tokenisation (accents, elisions, hashtags, @handles): tokenize.ts.
 */
export type {
  Atom,
  FieldName,
  FieldNode,
  NearNode,
  NotNode,
  PhraseNode,
  ProximityNode,
  QueryNode,
  TermNode,
} from './ast.js';
export { compileQuery, type CompiledQuery, type QueryMatch } from './compile.js';
export { describeQuery } from './describe.js';
export {
  prepareDocument,
  isPreparedDocument,
  type MatchableDocument,
  type PreparedDocument,
} from './document.js';
export { foldText } from './fold.js';
export { QUERY_LIMITS } from './limits.js';
export { matchTopics, type TopicMatch } from './match-topics.js';
export { parseQuery } from './parser.js';
export { QueryError } from './query-error.js';
export { tokenize, type Token } from './tokenize.js';
export { validateQuery, type QueryValidation } from './validate.js';
