import type { CompiledQuery } from './compile.js';
import { type MatchableDocument, prepareDocument } from './document.js';

export interface TopicMatch<Id> {
  topicId: Id;
  terms: string[];
}

/**
 * Tokenises a mention once and evaluates every topic against it; what ingest calls per mention.
 * Returns the topics that matched, with the evidence to store in `mention_topics.matched_terms`.
 */
export function matchTopics<Id>(
  topics: readonly { id: Id; query: CompiledQuery }[],
  doc: MatchableDocument,
): TopicMatch<Id>[] {
  const prepared = prepareDocument(doc);
  const out: TopicMatch<Id>[] = [];
  for (const topic of topics) {
    const result = topic.query.match(prepared);
    if (result.matched) out.push({ topicId: topic.id, terms: result.terms });
  }
  return out;
}
