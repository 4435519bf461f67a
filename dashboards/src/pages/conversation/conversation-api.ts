import { api } from '../../api/client.js';
import type { InboxItem } from '../inbox/inbox-api.js';

export interface ThreadMessage {
  id: string;
  direction: 'in' | 'out';
  text: string | null;
  sendStatus: string | null;
  url: string | null;
  lastError: string | null;
  agent: string | null;
  author: string | null;
  at: string;
  analysis: {
    sentiment: string;
    dissatisfied: boolean;
    signals: Record<string, number>;
    evidence: unknown[];
  } | null;
}

export interface ConversationDetail extends Omit<InboxItem, 'customer' | 'messages'> {
  targets: { firstResponse: string | null; resolution: string | null };
  reply: { platform: string; canSend: boolean; maxLength: number | null; unit: string };
  customer: {
    id: string;
    name: string | null;
    tier: string | null;
    plan?: string | null;
    value?: number | null;
    riskScore?: number;
    riskTrend?: number;
  } | null;
  messages: ThreadMessage[];
  notes: { id: string; author: string; text: string; createdAt: string }[];
  events: { id: string; kind: string; actor: string | null; at: string }[];
}

export const conversationApi = {
  get: (id: string, signal?: AbortSignal) =>
    api<ConversationDetail>(`/conversations/${id}`, { signal }),
  reply: (id: string, text: string, mode: 'platform' | 'elsewhere') =>
    api<{ id: string; sendStatus: string }>(`/conversations/${id}/replies`, {
      method: 'POST',
      body: { text, mode },
    }),
  status: (id: string, status: string) =>
    api(`/conversations/${id}/status`, { method: 'POST', body: { status } }),
  note: (id: string, text: string) =>
    api(`/conversations/${id}/notes`, { method: 'POST', body: { text } }),
  assign: (id: string, agentId: string | null) =>
    api(`/conversations/${id}/assign`, { method: 'POST', body: { agentId } }),
  priority: (id: string, priority: Priority) =>
    api(`/conversations/${id}/priority`, { method: 'POST', body: { priority } }),
  agents: (signal?: AbortSignal) => api<{ items: Agent[] }>('/dialogue/agents', { signal }),
};

export type Priority = ConversationDetail['priority'];
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

export interface Agent {
  id: string;
  name: string;
  team: string;
  capacity: number;
  available: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Counted as the platform counts: graphemes on Bluesky, code points elsewhere. */
export const lengthFor = (unit: string, text: string) =>
  unit === 'graphemes' ? [...segmenter.segment(text)].length : [...text].length;
