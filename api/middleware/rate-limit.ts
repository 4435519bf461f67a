import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Config } from '../../core/config/config.js';
import { DomainError } from '../../core/errors.js';
import { sharedRedis } from './shared-redis.js';

/**
 * A Redis store that recovers from Redis outages: the upstream store loads its scripts once at
 * start and would keep the failed load for ever; this one reloads them after any error. While
 * Redis is down the limiter lets requests through: readiness and the
 * Postgres-backed routes keep answering, and limits apply again as soon as Redis is back.
 */
class RecoveringRedisStore extends RedisStore {
  constructor(redis: Redis, prefix: string) {
    super({
      prefix,
      sendCommand: (command: string, ...args: string[]) =>
        redis.call(command, ...args) as Promise<RedisReply>,
    });
    // Connected (at start, or again after an outage): load the scripts now rather than fail once.
    redis.on('ready', () => this.reload());
  }

  override async init(options: Options): Promise<void> {
    await super.init(options).catch(() => undefined);
  }

  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch {
      this.reload();
      // Fail open, quietly: one hit in a fresh window (readiness already reports Redis down).
      return { totalHits: 1, resetTime: new Date(Date.now() + this.windowMs) };
    }
  }

  private reload(): void {
    this.incrementScriptSha = this.loadIncrementScript();
    this.getScriptSha = this.loadGetScript();
    // Marked handled here; a later call that awaits them sees the error, if any.
    this.incrementScriptSha.catch(() => undefined);
    this.getScriptSha.catch(() => undefined);
  }
}

function store(config: Config, name: string): RedisStore {
  // Under the queue prefix: test runs and tenants sharing a Redis never share counts.
  return new RecoveringRedisStore(
    sharedRedis(config.REDIS_URL),
    `${config.QUEUE_PREFIX}:rl:${name}:`,
  );
}

const ipKey = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

function limited(message: string): Options['handler'] {
  return (_req, res, next, options) => {
    // Retry-After (seconds) is set by express-rate-limit from the window's reset time.
    res.status(options.statusCode);
    next(new DomainError('rate_limited', message));
  };
}

/**
 * Requests per caller: per API key (or session's key) when authenticated, else per IP. Runs
 * after authentication, so one noisy key never throttles another behind the same proxy.
 */
export function callerRateLimit(config: Config): RequestHandler {
  return rateLimit({
    windowMs: config.RATE_LIMIT_WINDOW_S * 1000,
    limit: config.RATE_LIMIT_MAX,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    passOnStoreError: true,
    store: store(config, 'caller'),
    keyGenerator: (req) => (req.principal ? `key:${req.principal.keyId}` : ipKey(req)),
    handler: limited(
      `more than ${config.RATE_LIMIT_MAX} requests in ${config.RATE_LIMIT_WINDOW_S} s; retry later`,
    ),
  });
}

/**
 * Webhook deliveries, counted twice before anything else is done with them (no body read, no
 * database lookup): per sending address, and per source named in the request's source header,
 * each `WEBHOOK_RATE_LIMIT_MAX` per window. A flood of unsigned requests is refused with 429
 * after its budget; a source's sender cannot crowd out another's.
 */
export function webhookRateLimit(config: Config, sourceHeader: string): RequestHandler[] {
  const limiter = (name: string, keyGenerator: (req: Request) => string) =>
    rateLimit({
      windowMs: config.RATE_LIMIT_WINDOW_S * 1000,
      limit: config.WEBHOOK_RATE_LIMIT_MAX,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      passOnStoreError: true,
      store: store(config, name),
      keyGenerator,
      handler: limited(
        `more than ${config.WEBHOOK_RATE_LIMIT_MAX} deliveries in ${config.RATE_LIMIT_WINDOW_S} s; retry later`,
      ),
    });
  return [
    limiter('webhook-ip', ipKey),
    limiter(
      'webhook-source',
      (req) => `src:${String(req.headers[sourceHeader] ?? '').slice(0, 40)}`,
    ),
  ];
}
