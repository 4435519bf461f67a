import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { ideaTerms } from './similarity/idea-terms.js';
import { cosine, fitTfIdf } from './similarity/tfidf.js';

/** Below this cosine an idea is not offered as similar: it shares a word, not a request. */
export const SIMILAR_MIN = 0.2;
/** Linked mentions read per idea: its own words plus how the crowd phrased it, in both languages. */
const MENTIONS_PER_IDEA = 10;
/** Ideas compared per request (the live board); beyond it the most recently active are kept. */
const MAX_IDEAS = 5_000;

export interface SimilarIdea {
  id: string;
  title: string;
  status: string;
  similarity: number;
}

interface IdeaDoc {
  id: string;
  title: string;
  status: string;
  /** Title (twice: it is what the team chose to call the request), description, crowd texts. */
  pieces: string[];
}

/** Live ideas as documents: title, description and some of the crowd's words for them. */
async function ideaDocuments(db: Executor): Promise<IdeaDoc[]> {
  const r = await sql<IdeaDoc>`
    select i.id, i.title, i.status,
      array[i.title, i.title, i.description] || array(
        select m.text from idea_roots r
        join idea_mentions im on im.idea_id = r.id
        join mentions m on m.id = im.mention_id
        where r.root = i.id order by m.id limit ${MENTIONS_PER_IDEA}) as pieces
    from ideas i where i.merged_into is null
    order by i.updated_at desc limit ${MAX_IDEAS}
  `.execute(db);
  return r.rows;
}

/**
 * Ideas most similar to each text (what a person is typing, or a candidate group's mentions),
 * by TF-IDF cosine over the same stemmed, glossary-mapped terms the review queue groups by.
 */
export async function similarIdeasForTexts(
  db: Executor,
  texts: readonly string[],
  opts: { limit?: number; excludeIds?: readonly string[] } = {},
): Promise<SimilarIdea[][]> {
  const docs = (await ideaDocuments(db)).filter((d) => !opts.excludeIds?.includes(d.id));
  if (docs.length === 0) return texts.map(() => []);
  // Each piece in its own language: a board mixes French and English.
  const docTerms = docs.map((d) => d.pieces.flatMap((p) => ideaTerms(p)));
  const model = fitTfIdf(docTerms);
  const vectors = docTerms.map((t) => model.vectorize(t));
  return texts.map((text) => {
    const q = model.vectorize(ideaTerms(text));
    return docs
      .map((d, i) => ({
        id: d.id,
        title: d.title,
        status: d.status,
        similarity: round(cosine(q, vectors[i]!)),
      }))
      .filter((s) => s.similarity >= SIMILAR_MIN)
      .sort((a, b) => b.similarity - a.similarity || Number(a.id) - Number(b.id))
      .slice(0, opts.limit ?? 5);
  });
}

export async function similarIdeas(db: Executor, text: string, limit = 5): Promise<SimilarIdea[]> {
  const [found] = await similarIdeasForTexts(db, [text], { limit });
  return found ?? [];
}

const round = (x: number) => Math.round(x * 1000) / 1000;
