import { Client } from 'pg';
import Redis from 'ioredis';

/** Drops this run's databases and BullMQ keys, so runs leave nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.CLAIMDESK_TEST_RUN;
  if (!run) return;
  const admin = new URL(process.env.CLAIMDESK_TEST_TEMPLATE_URL!);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString() });
  await pg.connect();
  const { rows } = await pg.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
  for (const { datname } of rows) await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await pg.end();

  const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${run}*`, 'COUNT', 1000);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}
