import { invalid } from '../errors.js';

/** The fields a CRM export may fill; every other column is ignored. */
export const CRM_FIELDS = [
  'crm_id',
  'name',
  'tier',
  'plan',
  'region',
  'value',
  'owner',
  'handles',
  'email_domains',
  'website',
] as const;
export type CrmField = (typeof CRM_FIELDS)[number];

/** Column names recognised without a mapping (lower-cased header → field). */
const DEFAULT_COLUMNS: Record<string, CrmField> = {
  crm_id: 'crm_id',
  id: 'crm_id',
  external_id: 'crm_id',
  name: 'name',
  tier: 'tier',
  segment: 'tier',
  plan: 'plan',
  region: 'region',
  value: 'value',
  arr: 'value',
  arr_eur: 'value',
  owner: 'owner',
  handles: 'handles',
  email_domains: 'email_domains',
  website: 'website',
};

export type ColumnMap = Partial<Record<CrmField, string>>;

/** `name=Company,crm_id=Id` → {name: 'Company', crm_id: 'Id'}; unknown fields are an error. */
export function parseColumnMap(text: string | undefined): ColumnMap {
  const map: ColumnMap = {};
  if (!text) return map;
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, eq).trim() as CrmField;
    const column = pair.slice(eq + 1).trim();
    if (eq < 1 || !column) throw invalid('map', `"${pair}" is not field=Column`);
    if (!CRM_FIELDS.includes(field)) {
      throw invalid('map', `unknown field "${field}"; fields are ${CRM_FIELDS.join(', ')}`);
    }
    map[field] = column;
  }
  return map;
}

/** For each field, the header column it reads (mapped first, then the default names). */
export function resolveColumns(
  header: string[],
  map: ColumnMap,
): Partial<Record<CrmField, string>> {
  const out: Partial<Record<CrmField, string>> = {};
  for (const column of header) {
    const field = DEFAULT_COLUMNS[column.trim().toLowerCase()];
    if (field && !out[field]) out[field] = column;
  }
  for (const [field, column] of Object.entries(map) as [CrmField, string][]) {
    if (!header.includes(column)) {
      throw invalid(
        `map.${field}`,
        `column "${column}" is not in the header (${header.join(', ')})`,
      );
    }
    out[field] = column;
  }
  for (const required of ['crm_id', 'name'] as const) {
    if (!out[required])
      throw invalid(required, 'no column for this required field; pass a mapping');
  }
  return out;
}

export interface CrmHandle {
  platform: string;
  handle: string;
}

export interface CustomerRecord {
  externalId: string;
  name: string;
  tier: string | null;
  plan: string | null;
  region: string | null;
  owner: string | null;
  value: number | null;
  handles: CrmHandle[];
  emailDomains: string[];
  website: string | null;
}

export interface RowIssue {
  line: number;
  field: string;
  reason: string;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const PLATFORM = /^[a-z][a-z0-9_-]{1,30}$/;

/** One CSV record → a customer, or the per-field reasons it cannot be one. */
export function toCustomerRecord(get: (field: CrmField) => string | undefined): {
  record: CustomerRecord | null;
  errors: Omit<RowIssue, 'line'>[];
} {
  const errors: Omit<RowIssue, 'line'>[] = [];
  const text = (f: CrmField) => get(f)?.trim() || null;
  const externalId = text('crm_id');
  const name = text('name');
  if (!externalId) errors.push({ field: 'crm_id', reason: 'is required' });
  if (!name) errors.push({ field: 'name', reason: 'is required' });
  const value = parseMoney(text('value'), errors);
  const handles = parseHandles(text('handles'), errors);
  const emailDomains = parseDomains(text('email_domains'), errors);
  const website = parseWebsite(text('website'), errors);
  if (errors.length > 0 || !externalId || !name) return { record: null, errors };
  return {
    record: {
      externalId,
      name,
      tier: text('tier')?.toLowerCase() ?? null,
      plan: text('plan'),
      region: text('region'),
      owner: text('owner'),
      value,
      handles,
      emailDomains,
      website,
    },
    errors,
  };
}

/** "48600", "48 600,50", "€1,380.00" → a number; anything else is reported. */
function parseMoney(raw: string | null, errors: Omit<RowIssue, 'line'>[]): number | null {
  if (!raw) return null;
  let s = raw.replace(/[\s\u00a0\u202f€$£]|EUR|GBP|USD/gi, '');
  if (s.includes(',') && !s.includes('.')) s = s.replace(',', '.');
  else s = s.replace(/,/g, '');
  const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n < 0) {
    errors.push({ field: 'value', reason: `"${raw}" is not a non-negative amount` });
    return null;
  }
  return n;
}

/** "mastodon:lea@piaille.fr;bluesky:ben.bsky.social" → handles, lower-cased, without a leading @. */
function parseHandles(raw: string | null, errors: Omit<RowIssue, 'line'>[]): CrmHandle[] {
  if (!raw) return [];
  const out: CrmHandle[] = [];
  for (const part of raw.split(/[;\s]+/).filter(Boolean)) {
    const colon = part.indexOf(':');
    const platform = part.slice(0, colon).toLowerCase();
    const handle = part
      .slice(colon + 1)
      .replace(/^@/, '')
      .toLowerCase();
    if (colon < 1 || !PLATFORM.test(platform) || !handle) {
      errors.push({ field: 'handles', reason: `"${part}" is not platform:handle` });
      continue;
    }
    if (!out.some((h) => h.platform === platform && h.handle === handle))
      out.push({ platform, handle });
  }
  return out;
}

function parseDomains(raw: string | null, errors: Omit<RowIssue, 'line'>[]): string[] {
  if (!raw) return [];
  const out: string[] = [];
  for (const d of raw
    .toLowerCase()
    .split(/[;,\s]+/)
    .filter(Boolean)) {
    if (!DOMAIN.test(d.replace(/^@/, '')))
      errors.push({ field: 'email_domains', reason: `"${d}" is not a domain` });
    else out.push(d.replace(/^@/, ''));
  }
  return out;
}

function parseWebsite(raw: string | null, errors: Omit<RowIssue, 'line'>[]): string | null {
  if (!raw) return null;
  const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if (!DOMAIN.test(url.hostname)) throw new Error('host');
    return url.toString();
  } catch {
    errors.push({ field: 'website', reason: `"${raw}" is not a web address` });
    return null;
  }
}

/** The registrable-looking host of a website, without "www.", for domain matching. */
export function websiteDomain(website: string | null): string | null {
  if (!website) return null;
  try {
    return new URL(website).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
