import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
  ValidateBy,
} from 'class-validator';
import { allowCidrsError, allowHostsError } from './fetch-allow-list';

const bool = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
const num = () => Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)));

/** A string that `check` accepts (null) or rejects with a message naming the bad entry. */
const Checked = (name: string, check: (value: string) => string | null) =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && check(value) === null,
      defaultMessage: (args) => `${args?.property}: ${check(String(args?.value)) ?? 'invalid'}`,
    },
  });

/** A number no smaller than another setting's (the default poll interval is at least the minimum). */
const AtLeast = (other: 'SOURCE_MIN_INTERVAL_SECONDS') =>
  ValidateBy({
    name: 'atLeast',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'number' && value >= (args?.object as Record<string, number>)[other],
      defaultMessage: (args) => `${args?.property} must be at least ${other}`,
    },
  });

/**
 * Every setting claimdesk reads from the environment, validated once at start-up:
 * a bad value stops the process with a message naming the variable.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: string = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/claimdesk';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  @num()
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, _ . or -' })
  QUEUE_PREFIX: string = 'claimdesk';

  /** What `npm start` runs in its one process: `api,worker` (default), `api` or `worker`. */
  @Matches(/^\s*(api|worker)\s*(,\s*(api|worker)\s*)*$/, { message: 'ROLES must be api, worker or api,worker' })
  ROLES: string = 'api,worker';

  /**
   * How many processes serve HTTP under `npm start` (node's cluster module; they share PORT). 1 serves it in the
   * one process beside the worker; more use more cores: the primary keeps the worker role and restarts an api
   * process that dies.
   */
  @num()
  @IsInt({ message: 'API_PROCESSES must be a whole number from 1 to 32' })
  @Min(1, { message: 'API_PROCESSES must be a whole number from 1 to 32' })
  @Max(32, { message: 'API_PROCESSES must be a whole number from 1 to 32' })
  API_PROCESSES: number = 1;

  /** `npm start` applies pending migrations before serving (under an advisory lock, so many can start at once). */
  @bool()
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START: boolean = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Claims scoring at least this are stored as candidates at all. */
  @num()
  @IsNumber()
  @Min(0)
  @Max(1)
  EXTRACT_MIN_SCORE: number = 0.2;

  /**
   * Stage 2 of check-worthiness (the sentence encoder, in the worker only): 'on' or 'off' (small machines: stage 1
   * alone). Tests run stage 1 unless they ask for stage 2.
   */
  @IsIn(['on', 'off'])
  CHECKWORTHINESS_ENCODER: 'on' | 'off' = process.env.NODE_ENV === 'test' ? 'off' : 'on';

  /**
   * The cut-off that queues a claim for reviewers (below it, claims wait in `new`). Unset: with stage 2, the trained
   * recall-first cut-off of the model file (cross-validated recall >= 0.85); without it, AUTO_QUEUE_SCORE.
   */
  @num()
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  CHECKWORTHY_THRESHOLD?: number;

  /** Claims scoring at least this are queued for review without waiting for triage (stage 1 alone). */
  @num()
  @IsNumber()
  @Min(0)
  @Max(1)
  AUTO_QUEUE_SCORE: number = 0.5;

  /** A new claim matching an earlier one at least this well is a repeat: status `duplicate`, never queued. */
  @num()
  @IsNumber()
  @Min(0)
  @Max(1)
  MATCH_DUPLICATE_THRESHOLD: number = 0.9;

  /** From this score up to MATCH_DUPLICATE_THRESHOLD a match is suggested to editors (claim_matches). */
  @num()
  @IsNumber()
  @Min(0)
  @Max(1)
  MATCH_SUGGEST_THRESHOLD: number = 0.5;

  /**
   * Claims of one article matched in the pipeline, the highest priority first (matching costs a few queries a
   * claim, inside the store's transaction: an article of thousands of sentences must not hold it for minutes).
   */
  @num()
  @IsInt()
  @Min(0)
  MATCH_MAX_PER_ARTICLE: number = 100;

  /** Match each new claim against earlier ones in the pipeline (false: store claims unmatched). */
  @bool()
  @IsBoolean({ message: 'MATCHING_ENABLED must be true or false' })
  MATCHING_ENABLED: boolean = true;

  @num()
  @IsInt()
  @Min(0)
  @Max(1000)
  DEFAULT_CAPACITY: number = 10;

  /** Priority = score weight * score + type bonus + recency weight * freshness. */
  @num()
  @IsNumber()
  @Min(0)
  @Max(10)
  PRIORITY_SCORE_WEIGHT: number = 1;

  @num()
  @IsNumber()
  @Min(0)
  @Max(10)
  PRIORITY_RECENCY_WEIGHT: number = 0.5;

  @num()
  @IsNumber()
  @Min(0.01)
  @Max(10000)
  PRIORITY_RECENCY_HALF_LIFE_HOURS: number = 24;

  /** Priority bonus per claim type, e.g. `quantity=0.2,causal=0.15`; types not named keep their default. */
  @Matches(
    /^((quantity|prediction|causal|rule|personal|other)=\d+(\.\d+)?)?(,(quantity|prediction|causal|rule|personal|other)=\d+(\.\d+)?)*$/,
    {
      message:
        'PRIORITY_TYPE_BONUS must look like quantity=0.2,causal=0.15 (types: quantity, prediction, causal, rule, personal, other)',
    },
  )
  PRIORITY_TYPE_BONUS: string = '';

  /** Time a reviewer has for an assignment: the urgent deadline for top priority, the normal one otherwise. */
  @num()
  @IsInt()
  @Min(1)
  DEADLINE_URGENT_SECONDS: number = 4 * 3600;

  @num()
  @IsInt()
  @Min(1)
  DEADLINE_NORMAL_SECONDS: number = 24 * 3600;

  @num()
  @IsNumber()
  @Min(0)
  DEADLINE_URGENT_PRIORITY: number = 1.2;

  @num()
  @IsInt()
  @Min(100)
  SWEEP_INTERVAL_MS: number = 30_000;

  @num()
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number = 1024 * 1024;

  @num()
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY: number = 4;

  /** Extraction threads per worker process (each holds its own copy of the NLP model, about 100 MiB). */
  @num()
  @IsInt()
  @Min(1)
  @Max(16)
  EXTRACTION_THREADS: number = 2;

  /**
   * Extraction jobs in flight per worker process (assignment and deadlines keep WORKER_CONCURRENCY). More than
   * the threads, so that one article's database writes overlap the next one's extraction; the time limit only
   * counts time spent in a thread.
   */
  @num()
  @IsInt()
  @Min(1)
  @Max(64)
  EXTRACTION_CONCURRENCY: number = 8;

  /** Hard budget per article: past it the extraction thread is terminated and the article ends `failed`. */
  @num()
  @IsInt()
  @Min(100)
  @Max(600_000)
  EXTRACTION_TIMEOUT_MS: number = 30_000;

  /** At most this many claims of one article are queued automatically (the best first); the rest stay `new`. */
  @num()
  @IsInt()
  @Min(0)
  @Max(100_000)
  AUTO_QUEUE_MAX_PER_ARTICLE: number = 100;

  /** Whole request (headers and body) must arrive within this; 0 would mean unbounded. */
  @num()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_REQUEST_TIMEOUT_MS: number = 30_000;

  /** The request headers must arrive within this. */
  @num()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_HEADERS_TIMEOUT_MS: number = 10_000;

  /** A socket with no activity for this long is closed. */
  @num()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_CONNECTION_TIMEOUT_MS: number = 60_000;

  /** An idle keep-alive connection is closed after this. */
  @num()
  @IsInt()
  @Min(1000)
  @Max(600_000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 5_000;

  /** Behind a proxy: `true`, a hop count, or the proxies' addresses; client addresses then come from X-Forwarded-For. */
  @Matches(/^(|true|false|\d+|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or a list of proxy addresses',
  })
  TRUST_PROXY: string = '';

  /** Comma-separated origins allowed by CORS; empty means CORS is off. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS: string = '';

  @num()
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE: number = 600;

  @num()
  @IsInt()
  @Min(1)
  RATE_LIMIT_INGEST_PER_MINUTE: number = 120;

  @num()
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: number = 20;

  /**
   * Outbound fetches (pages, feeds, webhooks) refuse private, loopback, link-local, multicast and reserved
   * addresses unless allowed here: comma-separated `host` or `host:port` (`[::1]:8080` for IPv6) ...
   */
  @Checked('allowHosts', allowHostsError)
  FETCH_ALLOW_HOSTS: string = '';

  /** ... or comma-separated CIDR ranges (`10.20.0.0/16,fd00::/8`). */
  @Checked('allowCidrs', allowCidrsError)
  FETCH_ALLOW_CIDRS: string = '';

  /** Per hop, until the TCP connection is up. */
  @num()
  @IsInt()
  @Min(100)
  @Max(60_000)
  FETCH_CONNECT_TIMEOUT_MS: number = 5_000;

  /** A whole fetch: every redirect and the body. */
  @num()
  @IsInt()
  @Min(100)
  @Max(300_000)
  FETCH_TIMEOUT_MS: number = 15_000;

  /** Largest body fetched (after decompression). */
  @num()
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  FETCH_MAX_BYTES: number = 5 * 1024 * 1024;

  /** Human-readable logs (pino-pretty); by default only when NODE_ENV is development. */
  @bool()
  @IsOptional()
  @IsBoolean({ message: 'LOG_PRETTY must be true or false' })
  LOG_PRETTY?: boolean = undefined;

  /** Who may read /metrics without an admin token: comma-separated addresses or CIDRs (IPv4 or IPv6). */
  @IsString()
  METRICS_ALLOW_CIDRS: string = '127.0.0.1/32,::1/128';

  /** The worker's health and metrics port (liveness /health/live, readiness /health/ready, /metrics); 0: none. */
  @num()
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HTTP_PORT: number = 0;

  @IsString()
  WORKER_HTTP_HOST: string = '0.0.0.0';

  /** Readiness fails when the oldest job waiting in a queue has waited longer than this. */
  @num()
  @IsInt()
  @Min(1)
  READINESS_MAX_QUEUE_LAG_SECONDS: number = 300;

  /** Where the built web console is (index.html, assets/); empty: dist/web beside the build. */
  @IsString()
  WEB_ROOT: string = '';

  /** A console session's lifetime (absolute, from sign-in). */
  @num()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  SESSION_TTL_SECONDS: number = 12 * 3600;

  /** How long an invite link stays valid. */
  @num()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  INVITE_TTL_SECONDS: number = 72 * 3600;

  /** Failed sign-ins per account (and 4x that per address) within LOGIN_FAILURE_WINDOW_SECONDS before 429. */
  @num()
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES: number = 5;

  @num()
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  LOGIN_FAILURE_WINDOW_SECONDS: number = 900;

  /** Page fetches in flight per worker process (they wait on the network, not the CPU). */
  @num()
  @IsInt()
  @Min(1)
  @Max(256)
  FETCH_CONCURRENCY: number = 8;

  /** Most articles in one `POST /v1/articles/bulk`. */
  @num()
  @IsInt()
  @Min(1)
  @Max(10_000)
  BULK_MAX_ARTICLES: number = 100;

  /** The shortest poll interval a feed source may ask for (seconds): feeds are not polled harder than this. */
  @num()
  @IsInt()
  @Min(1)
  @Max(86_400)
  SOURCE_MIN_INTERVAL_SECONDS: number = 300;

  /** The poll interval of a source that names none (seconds). */
  @num()
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  @AtLeast('SOURCE_MIN_INTERVAL_SECONDS')
  SOURCE_DEFAULT_INTERVAL_SECONDS: number = 900;

  /** Longest wait after failed polls: the wait doubles per failure in a row, from the interval up to this. */
  @num()
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  SOURCE_MAX_BACKOFF_SECONDS: number = 6 * 3600;

  /** Failed polls in a row after which a source is flagged for an editor (it keeps being polled, backed off). */
  @num()
  @IsInt()
  @Min(1)
  @Max(1000)
  SOURCE_FLAG_AFTER_FAILURES: number = 5;

  /** An item whose content or summary has at least this many characters of text becomes an article from it; a
   * shorter one is fetched from its link. */
  @num()
  @IsInt()
  @Min(1)
  @Max(200_000)
  SOURCE_ITEM_MIN_CHARS: number = 300;

  /** Most new items made articles per poll; the rest wait for the next poll. */
  @num()
  @IsInt()
  @Min(1)
  @Max(10_000)
  SOURCE_MAX_ITEMS_PER_POLL: number = 100;
  /** Delivery attempts of one webhook event (the first included) before it is given up as `failed`. */
  @num()
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS: number = 8;

  /** A webhook is disabled (with the reason recorded) after this many failed attempts in a row, any events. */
  @num()
  @IsInt()
  @Min(1)
  @Max(100_000)
  WEBHOOK_DISABLE_AFTER: number = 25;

  /** Retry n waits WEBHOOK_BACKOFF_BASE_MS x 2^(n-1), at most WEBHOOK_BACKOFF_MAX_MS. */
  @num()
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_BACKOFF_BASE_MS: number = 10_000;

  @num()
  @IsInt()
  @Min(10)
  @Max(7 * 24 * 3_600_000)
  WEBHOOK_BACKOFF_MAX_MS: number = 6 * 3_600_000;

  /** A whole delivery (connect, request, answer); the connection itself within FETCH_CONNECT_TIMEOUT_MS. */
  @num()
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Webhook deliveries in flight per worker process. */
  @num()
  @IsInt()
  @Min(1)
  @Max(256)
  WEBHOOK_CONCURRENCY: number = 8;

  /** ClaimReview `author`: the fact-checking organization's name ... */
  @IsString()
  CLAIMREVIEW_AUTHOR_NAME: string = 'claimdesk';

  /** ... and its home page (empty: none). */
  @Matches(/^(https?:\/\/\S+)?$/, { message: 'CLAIMREVIEW_AUTHOR_URL must be an http(s) URL' })
  CLAIMREVIEW_AUTHOR_URL: string = '';

  /** ClaimReview `url`: the public fact-check page of a claim, `{id}` standing for the claim id (empty: none). */
  @Matches(/^(https?:\/\/\S*\{id\}\S*)?$/, {
    message: 'CLAIMREVIEW_URL_TEMPLATE must be an http(s) URL containing {id}',
  })
  CLAIMREVIEW_URL_TEMPLATE: string = '';
}

export class ConfigError extends Error {}

/** Builds the config from an environment; unknown variables are ignored, bad ones throw naming them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of known) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length) {
    const lines = errors.map((e) => {
      const shown = e.property.endsWith('URL') ? '(hidden)' : JSON.stringify(raw[e.property]);
      return `  ${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
