import { createHash } from 'node:crypto';
import {
  normalizedMentionSchema,
  type NormalizedMention,
  type NormalizedMentionInput,
} from '../../mentions/normalized-mention.js';

/** Field limits of the normalised mention (see normalized-mention.ts). */
const MAX_TEXT = 100_000;
const MAX_TITLE = 4096;
const MAX_URL = 2048;
const MAX_ID = 512;
const MAX_LINKS = 200;
const MAX_LANG = 16;

export function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

/** A non-negative integer count, or null when the platform did not give one. */
export function count(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return Math.max(0, Math.trunc(n));
}

export function shortHash(...parts: unknown[]): string {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex').slice(0, 32);
}

/** "en-GB" → "en-gb"; undefined when absent or not a language tag. */
export function langTag(value: string | null | undefined): string | null {
  const tag = value?.trim().toLowerCase().replace(/_/g, '-');
  if (!tag || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(tag)) return null;
  return tag.slice(0, MAX_LANG);
}

function clipAuthor(author: NormalizedMentionInput['author']): NormalizedMentionInput['author'] {
  if (!author) return null;
  const id = clip(author.id?.trim(), MAX_ID);
  const handle = clip(author.handle?.trim(), MAX_ID);
  if (!id || !handle) return null;
  return {
    ...author,
    id,
    handle,
    name: clip(author.name, 1024),
    profileUrl: clip(author.profileUrl, MAX_URL),
  };
}

/**
 * Clip every field to the normalised mention's limits and validate it. Returns null for an item
 * that still cannot be a mention (no text at all), so one odd item never fails a whole page.
 */
export function finalizeMention(input: NormalizedMentionInput): NormalizedMention | null {
  const clipped: NormalizedMentionInput = {
    ...input,
    externalId: clip(input.externalId, MAX_ID) ?? '',
    url: clip(input.url, MAX_URL),
    title: clip(input.title, MAX_TITLE),
    text: clip(input.text, MAX_TEXT) ?? '',
    links: (input.links ?? []).filter((l) => l.length <= MAX_URL).slice(0, MAX_LINKS),
    langHint: clip(input.langHint, MAX_LANG),
    parentId: clip(input.parentId, MAX_ID),
    threadId: clip(input.threadId, MAX_ID),
    quotedId: clip(input.quotedId, MAX_ID),
    author: clipAuthor(input.author),
  };
  const parsed = normalizedMentionSchema.safeParse(clipped);
  return parsed.success ? parsed.data : null;
}
