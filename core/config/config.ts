import { z } from 'zod';
import { trustProxySchema } from './trust-proxy.js';

/**
 * Écoute's configuration, parsed once from the environment into a frozen, typed object.
 * Every invalid variable is reported at once; tests build a literal `Config` instead.
 */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/ecoute'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Proxies believed about the client's address (see core/config/trust-proxy.ts). */
  TRUST_PROXY: trustProxySchema.default(['loopback']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Prefix of every BullMQ key; wrap it in {braces} to pin all queues to one Redis Cluster slot. */
  QUEUE_PREFIX: z.string().min(1).default('ecoute'),
  /** Load the bundled demo corpus on an empty database at `ecoute start`. */
  ECOUTE_DEMO: booleanFlag.default(true),
  /** 32 bytes, base64 or hex, that encrypt stored secrets (webhook secrets, platform credentials). */
  ECOUTE_SECRET_KEY: z.string().optional(),
  /** Where `ecoute` keeps local state (the generated secret key when ECOUTE_SECRET_KEY is unset). */
  ECOUTE_HOME: z.string().default('.ecoute'),
  /**
   * Models trained here (`ecoute retrain`, corrections) are written to and loaded from this
   * folder; a model for a task and language found here replaces the shipped one. Default:
   * $ECOUTE_HOME/models.
   */
  ECOUTE_MODELS_DIR: z.string().optional(),
  /**
   * Mentions per analysis job: large enough to amortise round trips, small enough to retry cheaply.
   * One import batch (2,000) makes one job. Each job brings one follow-up of each kind, and the
   * inbox update takes the dialogue settings lock, so follow-ups run one batch at a time: with
   * 500, 100,000 mentions took 36 s through analysis and follow-ups, with 2,000 28 s
   * (bench:ingest, back to back, load 2). A job of 2,000 analyses in about 0.1 s of one thread.
   */
  ANALYZE_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(2000),
  /** Analysis threads per worker process; 0 means one per core. */
  ANALYZE_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** First retry delay in ms; BullMQ doubles it on each attempt. */
  JOB_BACKOFF_MS: z.coerce.number().int().min(100).default(2000),
  /**
   * How long a worker holds a job before it must renew its lock, in ms. A worker that dies loses
   * its jobs to another after this long (stalled-job detection runs every half of it).
   */
  JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(60_000),
  JOB_KEEP_COMPLETED: z.coerce.number().int().min(0).default(1000),
  JOB_KEEP_FAILED: z.coerce.number().int().min(0).default(5000),
  /**
   * How long a worker given SIGTERM waits for its jobs in flight, in ms. Past it they are moved
   * back to waiting for another worker (no attempt spent) and the process exits. Under the grace
   * period of whatever stops it (Kubernetes: 30 s; docker compose: stop_grace_period).
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  /** Seconds between sweeps for stored-but-unanalysed mentions and unfinished follow-ups. */
  SWEEP_INTERVAL_S: z.coerce.number().int().min(5).default(60),
  /** A mention ingested less than this many seconds ago is left to its own analysis job. */
  SWEEP_GRACE_S: z.coerce.number().int().min(0).default(120),
  /** Hosts that outbound requests may reach even when they resolve to private addresses (testing). */
  OUTBOUND_ALLOW_HOSTS: csv.default([]),
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** One reply post to a platform, in ms; a timed-out post is retried with the same idempotency key. */
  REPLY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  HTTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  WEBHOOK_TOLERANCE_S: z.coerce.number().int().min(1).default(300),
  SESSION_TTL_H: z.coerce.number().int().min(1).default(12),
  /**
   * Rows at most in one export (influencer CSV/JSON, audit CSV). A million rows is ~1 GB of CSV,
   * about half a minute of streaming; a longer file is cut there, and the client is told so
   * (`X-Ecoute-Truncated: true` trailer, `"truncated": true` in JSON, and the audit record).
   */
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).default(1_000_000),
  /** JSON override of the churn-risk weights (see core/customers/churn-weights.ts). */
  ECOUTE_CHURN_WEIGHTS: z.string().optional(),
  /** Where alert e-mails are sent through, e.g. smtp://user:pass@mail.example.org:587. */
  SMTP_URL: z.string().optional(),
  ALERT_EMAIL_FROM: z.string().default('Écoute alerts <alerts@localhost>'),
  /** Statement timeout of every database connection, in ms: no query holds a connection forever. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  /** Requests per API key (per IP without one) per window, counted in Redis across API processes. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).default(60),
  /**
   * Refused API keys and failed logins per address, and refused keys per key prefix, per 15
   * minutes; past it a refusal is 429 (a valid credential always gets through).
   */
  LOGIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  /** Webhook deliveries per sending address, and per source, per RATE_LIMIT_WINDOW_S. */
  WEBHOOK_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(120),
  /** Bearer token Prometheus presents to /metrics; an admin API key is accepted too. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Port where a worker process serves its own /metrics (job durations, failures); 0: off. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export type Config = Readonly<z.output<typeof envSchema>>;

/** Every variable the configuration reads (.env.example documents each). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

export function modelsDir(config: Config): string {
  return config.ECOUTE_MODELS_DIR ?? `${config.ECOUTE_HOME}/models`;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  return Object.freeze(parsed.data);
}

/** A complete config for tests and tools, overriding only what they care about. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), ...overrides });
}
