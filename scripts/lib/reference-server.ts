/**
 * The yardstick for `npm run bench`: bare Fastify and `pg` doing the same database work as the api's
 * routes (token lookup, then the same reads), with none of the framework: no Nest, no TypeORM, no
 * validation, no rate limits, no logging. The api's figures are quoted as a ratio of these.
 * Usage: node -r @swc-node/register scripts/lib/reference-server.ts (PORT, DATABASE_URL from the environment)
 */
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
const ASTRAL = `'[\\U00010000-\\U0010FFFF]'`;

async function user(req: FastifyRequest, reply: FastifyReply) {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const hash = createHash('sha256')
    .update(token ?? '')
    .digest('hex');
  const { rows } = await pool.query('SELECT * FROM users WHERE token_hash = $1', [hash]);
  if (!rows[0]?.active) {
    await reply.status(401).send({ message: 'invalid token' });
    return null;
  }
  return rows[0];
}

app.get('/v1/me', async (req, reply) => {
  const u = await user(req, reply);
  if (!u) return;
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    languages: u.languages,
    capacity: u.capacity,
    load: u.load,
  };
});

app.get('/v1/claims/:id', async (req, reply) => {
  if (!(await user(req, reply))) return;
  const { id } = req.params as { id: string };
  const { rows } = await pool.query('SELECT * FROM claims WHERE id = $1', [id]);
  const c = rows[0];
  if (!c) return reply.status(404).send({ message: 'not found' });
  const from = `greatest(0, $2::int - regexp_count(left(a.body, $2::int), ${ASTRAL}) - $4::int)`;
  const art = await pool.query(
    `SELECT a.id, a.title, a.url, a.source, a.published_at,
            substr(a.body, ${from} + 1, $3::int - ${from} + $4::int) AS excerpt,
            ${from} + regexp_count(left(a.body, ${from}), ${ASTRAL}) AS excerpt_start
       FROM articles a WHERE a.id = $1`,
    [c.article_id, c.span_start, c.span_end, 400],
  );
  return { ...c, article: art.rows[0] ?? null };
});

app.get('/v1/claims', async (req, reply) => {
  if (!(await user(req, reply))) return;
  const q = req.query as { status?: string; limit?: string; cursor?: string };
  const limit = Number(q.limit ?? 50);
  const params: unknown[] = [limit + 1];
  const where: string[] = [];
  if (q.status) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  if (q.cursor) {
    const [at, id] = Buffer.from(q.cursor, 'base64url').toString().split('|');
    params.push(at, id);
    where.push(`(created_at, id) > ($${params.length - 1}, $${params.length})`);
  }
  const { rows } = await pool.query(
    `SELECT * FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT $1`,
    params,
  );
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: more && last ? Buffer.from(`${last.created_at.toISOString()}|${last.id}`).toString('base64url') : null,
  };
});

app
  .listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
  .then(() => process.send?.('ready'))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
process.on(
  'SIGTERM',
  () =>
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0)),
);
