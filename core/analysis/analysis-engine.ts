import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../classification/analysis.js';
import { createDefaultAnalyzer, loadModelsFromDir } from '../classification/index.js';
import { compileQuery, prepareDocument, type CompiledQuery } from '../topics/query/index.js';
import { canonicalUrl, textFingerprint } from '../mentions/near-duplicate.js';
import type { AnalyzeTask, AnalyzeTaskResult, Fingerprint, TopicMatch } from './task.js';

/**
 * The CPU-bound part of enrichment: classification and topic rules for a batch of mentions.
 * Pure and synchronous, so it runs the same inside a worker thread, a test or a benchmark.
 */
export class AnalysisEngine {
  private readonly compiled = new Map<string, CompiledQuery | null>();

  constructor(private readonly analyzer: Analyzer) {}

  get version(): string {
    return this.analyzer.version;
  }

  run(task: AnalyzeTask): AnalyzeTaskResult {
    const rules = task.topics.flatMap((t) => {
      const q = this.compile(t.query);
      return q ? [{ id: t.id, q }] : [];
    });
    const analyses = [];
    const fingerprints: Fingerprint[] = [];
    const topics: TopicMatch[][] = [];
    for (const item of task.items) {
      const analysis = this.analyzer.analyze({ text: item.text, langHint: item.langHint });
      analyses.push(analysis);
      const fp = textFingerprint(item.text);
      fingerprints.push({
        canonicalUrl: item.url ? canonicalUrl(item.url) : null,
        textKey: fp?.key ?? null,
        simhash: fp?.simhash ?? null,
      });
      if (rules.length === 0) {
        topics.push([]);
        continue;
      }
      const doc = prepareDocument({
        text: item.text,
        title: item.title,
        authorHandle: item.authorHandle,
        lang: analysis.lang,
        source: item.sourceName,
        platform: item.platform,
      });
      const matches: TopicMatch[] = [];
      for (const r of rules) {
        const m = r.q.match(doc);
        if (m.matched) matches.push({ topicId: r.id, terms: m.terms });
      }
      topics.push(matches);
    }
    return { modelVersion: this.analyzer.version, analyses, fingerprints, topics };
  }

  /** Compiled once per distinct query; a query that no longer parses matches nothing. */
  private compile(query: string): CompiledQuery | null {
    let q = this.compiled.get(query);
    if (q === undefined) {
      try {
        q = compileQuery(query);
      } catch {
        q = null;
      }
      if (this.compiled.size > 1_000) this.compiled.clear();
      this.compiled.set(query, q);
    }
    return q;
  }
}

/** The engine with the shipped models, replaced per task and language by those in `modelsDir`. */
export async function createAnalysisEngine(
  modelsDir: string | null = null,
): Promise<AnalysisEngine> {
  const local = modelsDir && existsSync(modelsDir) ? await loadModelsFromDir(modelsDir) : [];
  return new AnalysisEngine(createDefaultAnalyzer(local));
}

/**
 * What identifies the models in a folder: names and modification times. A thread compares it
 * before each batch, so a retrained model is used from the next batch on without a restart.
 */
export function modelsSignature(modelsDir: string | null): string {
  if (!modelsDir || !existsSync(modelsDir)) return '';
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => `${f}@${statSync(path.join(modelsDir, f)).mtimeMs}`)
    .join('|');
}
