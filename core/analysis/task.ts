import type { Analysis } from '../classification/analysis.js';

/** One mention as the analysis threads see it: text and the facts topic rules can test. */
export interface AnalyzeItem {
  text: string;
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
}

export interface TopicMatch {
  topicId: string;
  terms: string[];
}

export interface AnalyzeTaskResult {
  modelVersion: string;
  analyses: Analysis[];
  /** Per item, the topics it matched and the terms that made it match. */
  topics: TopicMatch[][];
}
