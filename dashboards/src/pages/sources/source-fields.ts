/**
 * The settings form of each polled kind, mirroring the connectors' schemas
 * (core/connectors/<kind>/<kind>.config.ts). The API validates; this only lays the form out, so
 * an error it answers for `config.<key>` lands under the field with that key.
 */
export interface FieldDef {
  key: string;
  label: string;
  type: 'text' | 'url' | 'number' | 'select';
  options?: readonly string[];
  placeholder?: string;
  hint?: string;
  /** Shown only when this returns true for the current settings. */
  when?: (config: Record<string, string>) => boolean;
}

const backfill: FieldDef = {
  key: 'backfillPages',
  label: 'Backfill pages',
  type: 'number',
  placeholder: '3',
  hint: 'Older pages fetched on the first poll (1–20).',
};

export const KIND_FIELDS: Record<string, readonly FieldDef[]> = {
  rss: [
    { key: 'url', label: 'Feed URL', type: 'url', placeholder: 'https://example.org/feed.xml' },
  ],
  mastodon: [
    { key: 'instance', label: 'Instance', type: 'url', placeholder: 'https://mastodon.social' },
    { key: 'mode', label: 'Mode', type: 'select', options: ['hashtag', 'search', 'thread'] },
    {
      key: 'tag',
      label: 'Hashtag',
      type: 'text',
      placeholder: 'velia',
      when: (c) => c.mode !== 'search' && c.mode !== 'thread',
    },
    { key: 'query', label: 'Search', type: 'text', when: (c) => c.mode === 'search' },
    {
      key: 'statusId',
      label: 'Status id',
      type: 'text',
      placeholder: '114026814291152535',
      hint: 'The status whose replies are followed.',
      when: (c) => c.mode === 'thread',
    },
    { ...backfill, when: (c) => c.mode !== 'thread' },
  ],
  reddit: [
    { key: 'mode', label: 'Mode', type: 'select', options: ['subreddit', 'comments', 'search'] },
    { key: 'subreddit', label: 'Subreddit', type: 'text', placeholder: 'france' },
    { key: 'query', label: 'Search', type: 'text', when: (c) => c.mode === 'search' },
    { key: 'baseUrl', label: 'Base URL', type: 'url', placeholder: 'https://www.reddit.com' },
    backfill,
  ],
  hackernews: [
    { key: 'query', label: 'Search', type: 'text', placeholder: 'velia' },
    {
      key: 'itemId',
      label: 'Follow one discussion (item id)',
      type: 'number',
      placeholder: '8863',
      hint: 'Instead of a search: the item and every comment below it.',
    },
    { key: 'tags', label: 'Tags', type: 'text', placeholder: '(story,comment)' },
    { key: 'baseUrl', label: 'Base URL', type: 'url', placeholder: 'https://hn.algolia.com' },
    backfill,
  ],
  bluesky: [
    { key: 'mode', label: 'Mode', type: 'select', options: ['search', 'author', 'list'] },
    {
      key: 'query',
      label: 'Search',
      type: 'text',
      placeholder: 'velia',
      when: (c) => !c.mode || c.mode === 'search',
    },
    {
      key: 'actor',
      label: 'Account (handle or DID)',
      type: 'text',
      placeholder: 'velia.bsky.social',
      when: (c) => c.mode === 'author',
    },
    {
      key: 'list',
      label: 'List (at:// URI)',
      type: 'text',
      when: (c) => c.mode === 'list',
    },
    {
      key: 'lang',
      label: 'Language',
      type: 'text',
      placeholder: 'fr',
      when: (c) => !c.mode || c.mode === 'search',
    },
    { key: 'baseUrl', label: 'Base URL', type: 'url', placeholder: 'https://api.bsky.app' },
    backfill,
  ],
  webhook: [],
  import: [],
};

export const KINDS = Object.keys(KIND_FIELDS);

/** Form strings to the settings the API takes: empty fields left out (defaults apply). */
export function toConfig(kind: string, values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of KIND_FIELDS[kind] ?? []) {
    // A select shows its first option until changed: that is the value sent.
    const raw = values[f.key]?.trim() || (f.type === 'select' ? (f.options?.[0] ?? '') : '');
    if (raw === '' || (f.when && !f.when(values))) continue;
    out[f.key] = f.type === 'number' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** Saved settings back to form strings. */
export function fromConfig(config: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== null && value !== undefined) out[key] = String(value);
  }
  return out;
}
