import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { ConnectorError, retryPolicy, type RetryPolicy } from '../connectors/connector-error.js';
import type { Quota } from '../connectors/connector.js';
import { getConnector } from '../connectors/registry.js';
import { invalid } from '../errors.js';
import type { NormalizedMention } from '../mentions/normalized-mention.js';
import { POLLED_KINDS } from './poll.service.js';
import { validateSourceConfig } from './source-config.js';
import { SOURCE_KINDS } from './source.service.js';

export const testSourceSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/**
 * A mention as it would be stored (connectors already drop items that fail the normalised
 * schema): every field but the raw payload, which is only sized.
 */
export type PreviewMention = Omit<NormalizedMention, 'raw' | 'publishedAt'> & {
  /** null when the source gives no readable date (publishedRaw keeps what it wrote). */
  publishedAt: string | null;
  rawBytes: number;
};

export type SourceTestResult =
  | {
      ok: true;
      /** The settings with their defaults, as they would be saved. */
      config: Record<string, unknown>;
      mentions: PreviewMention[];
      hasMore: boolean;
      quota: Quota | null;
      tookMs: number;
    }
  | {
      ok: false;
      config: Record<string, unknown>;
      error: { code: string; reason: string; policy: RetryPolicy };
      tookMs: number;
    };

export interface SourceTestDeps {
  http: AxiosInstance;
  allowHosts: readonly string[];
}

/**
 * Fetches ONE page for a proposed source, as its first poll would (cursor null), and answers the
 * normalised mentions that would be stored — without storing anything. Settings are validated and
 * URL-checked as at creation (400 naming the field); a fetch that fails is answered with the
 * connector's error code and reason, and whether a real poll would retry or give up.
 */
export async function testSource(
  deps: SourceTestDeps,
  input: z.input<typeof testSourceSchema>,
): Promise<SourceTestResult> {
  const { kind, config: raw } = testSourceSchema.parse(input);
  if (!POLLED_KINDS.has(kind))
    throw invalid('kind', `${kind} sources are not polled, nothing to fetch`);
  const config = await validateSourceConfig(kind, raw, deps.allowHosts);
  const started = performance.now();
  const tookMs = () => Math.round(performance.now() - started);
  try {
    const page = await getConnector(kind).fetchPage({ config, cursor: null, http: deps.http });
    return {
      ok: true,
      config,
      mentions: page.mentions.map(toPreview),
      hasMore: page.hasMore,
      quota: page.quota ?? null,
      tookMs: tookMs(),
    };
  } catch (err) {
    const code = err instanceof ConnectorError ? err.code : 'error';
    const reason = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      config,
      error: { code, reason, policy: retryPolicy(err) },
      tookMs: tookMs(),
    };
  }
}

function toPreview(m: NormalizedMention): PreviewMention {
  const { raw, publishedAt, ...rest } = m;
  return {
    ...rest,
    publishedAt: publishedAt ? new Date(publishedAt).toISOString() : null,
    rawBytes: raw === undefined ? 0 : Buffer.byteLength(JSON.stringify(raw) ?? ''),
  };
}
