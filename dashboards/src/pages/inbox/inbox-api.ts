import { api } from '../../api/client.js';

export interface InboxItem {
  id: string;
  platform: string;
  status: 'open' | 'pending' | 'resolved';
  priority: 'urgent' | 'high' | 'normal' | 'low';
  reasons: string[];
  state: 'on_track' | 'at_risk' | 'breached' | 'done';
  assignee: { id: string; name: string | null } | null;
  authorHandle: string | null;
  customer: { id: string; name: string | null; tier: string | null } | null;
  lastInboundAt: string;
  firstResponseDueAt: string | null;
  messages: number;
  preview: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
  me: { id: string; name: string } | null;
}

export type InboxCounts = Record<'active' | 'mine' | 'unassigned' | 'at_risk' | 'breached', number>;

export const inboxApi = {
  list: (query: Record<string, string>, signal?: AbortSignal) =>
    api<InboxPage>('/conversations', { query, signal }),
  counts: (signal?: AbortSignal) => api<InboxCounts>('/conversations/counts', { signal }),
};

export const STATE_LABEL: Record<InboxItem['state'], string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  done: 'Done',
};
