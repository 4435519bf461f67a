import type { Analysis } from '../classification/analysis.js';

/** One mention as the analysis threads see it: text and the facts topic rules can test. */
export interface AnalyzeItem {
  text: string;
  url: string | null;
  title: string | null;
  langHint: string | null;
  authorHandle: string | null;
  platform: string;
  sourceName: string | null;
}

export interface TopicRule {
  id: string;
  query: string;
}

export interface AnalyzeTask {
  items: AnalyzeItem[];
  topics: TopicRule[];
  /** Folder of locally trained models that replace the shipped ones (null: shipped only). */
  modelsDir: string | null;
}

export interface TopicMatch {
  topicId: string;
  terms: string[];
}

/** What finds a mention's duplicates across sources. */
export interface Fingerprint {
  canonicalUrl: string | null;
  textKey: string | null;
  simhash: string | null;
}

export interface AnalyzeTaskResult {
  modelVersion: string;
  analyses: Analysis[];
  fingerprints: Fingerprint[];
  /** Per item, the topics it matched and the terms that made it match. */
  topics: TopicMatch[][];
}
