import { api } from '../../api/client.js';

export type Task = 'sentiment' | 'dissatisfied' | 'idea';

export interface TeachItem {
  mentionId: string;
  text: string;
  lang: 'fr' | 'en';
  platform: string;
  author: string | null;
  url: string | null;
  publishedAt: string;
  reading: {
    sentiment: { negative: number; neutral: number; positive: number } | null;
    dissatisfied: number | null;
    idea: number | null;
  };
  uncertainty: number;
  unsureAbout: Task;
}

export interface ModelFigures {
  task: Task;
  lang: 'fr' | 'en';
  version: string;
  retrained: boolean;
  trainedAt: string;
  source: string;
  rows: number;
  evaluation: { method: string; accuracy: number; macroF1: number } | null;
}

export interface TeachFigures {
  labels: {
    total: number;
    lastDay: number;
    byTask: { task: Task; lang: 'fr' | 'en'; count: number }[];
  };
  models: ModelFigures[];
}

export interface RetrainOutcome {
  task: Task;
  lang: 'fr' | 'en';
  corrections: number;
  version: string;
  evaluation: { method: string; accuracy: number; macroF1: number } | null;
}

/** The next mentions to label, leaving out those labelled or skipped in this session. */
export const fetchQueue = (exclude: string[], signal?: AbortSignal) =>
  api<{ items: TeachItem[]; candidates: number }>('/teach/queue', {
    query: { limit: 10, exclude: exclude.slice(-200).join(',') },
    signal,
  });

export const fetchFigures = (signal?: AbortSignal) =>
  api<TeachFigures>('/teach/figures', { signal });

export const saveLabel = (mentionId: string, task: Task, label: string) =>
  api(`/mentions/${encodeURIComponent(mentionId)}/labels`, {
    method: 'POST',
    body: { task, label },
  });

export const retrain = (task: Task, lang: 'fr' | 'en') =>
  api<RetrainOutcome>('/models/retrain', { method: 'POST', body: { task, lang } });
