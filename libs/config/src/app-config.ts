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
} from 'class-validator';

const bool = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
const num = () => Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)));

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

  /** Claims scoring at least this are queued for review without waiting for triage. */
  @num()
  @IsNumber()
  @Min(0)
  @Max(1)
  AUTO_QUEUE_SCORE: number = 0.5;

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
