import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@claimdesk/common';
import { UsersService } from '@claimdesk/users';
import { ServiceEnv } from '../support/service-env';

describe('UsersService (medium)', () => {
  let env: ServiceEnv;
  let users: UsersService;

  beforeAll(async () => {
    env = await ServiceEnv.start({ DEFAULT_CAPACITY: '7' });
    users = env.get(UsersService);
  });
  afterAll(() => env.close());

  it('creates a user with a token shown once and stored hashed; emails are unique regardless of case', async () => {
    const u = await users.create({
      email: 'Rita@Example.org',
      name: ' Rita ',
      role: 'reviewer',
      languages: ['EN', 'en ', 'fr'],
    });
    expect(u).toMatchObject({ name: 'Rita', capacity: 7, load: 0, active: true, languages: ['en', 'fr'] });
    expect(u.token).toMatch(/^cdk_/);
    const [row] = await env.sql<{ token_hash: string }>('SELECT token_hash FROM users WHERE id = $1', [u.id]);
    expect(row.token_hash).not.toContain(u.token);
    expect((await users.authenticate(u.token))?.id).toBe(u.id);
    await expect(users.create({ email: 'rita@example.ORG', name: 'Other', role: 'editor' })).rejects.toThrow(
      ConflictError,
    );
    // A new reviewer has room: a fill job looks for waiting claims.
    expect(await env.jobIds('fill-reviewer')).toContain(`fill-${u.id}-created`);
  });

  it('rotating or revoking a token stops the old one at once; deactivation stops it too', async () => {
    const u = await env.user('editor');
    const { token } = await users.rotateToken(u.id);
    expect(await users.authenticate(u.token)).toBeNull();
    expect((await users.authenticate(token))?.id).toBe(u.id);
    await users.update(u.id, { active: false });
    expect(await users.authenticate(token)).toBeNull();
    await users.update(u.id, { active: true });
    await users.revokeToken(u.id);
    expect(await users.authenticate(token)).toBeNull();
    await expect(users.rotateToken(randomUUID())).rejects.toThrow(NotFoundError);
  });

  it('a reviewer who holds claims keeps the role until they are unassigned', async () => {
    const r = await env.user('reviewer', { capacity: 2 });
    await env.sql('UPDATE users SET load = 1 WHERE id = $1', [r.id]);
    await expect(users.update(r.id, { role: 'editor' })).rejects.toThrow(/still holds 1 claim/);
    expect(await users.get(r.id)).toMatchObject({ role: 'reviewer' });
    await env.sql('UPDATE users SET load = 0 WHERE id = $1', [r.id]);
    expect(await users.update(r.id, { role: 'editor' })).toMatchObject({ role: 'editor' });
  });

  it('more room or a wider reach wakes the reviewer; a narrower change does not', async () => {
    const r = await env.user('reviewer', { capacity: 2 });
    await users.update(r.id, { capacity: 3 });
    expect(await env.jobIds('fill-reviewer')).toContain(`fill-${r.id}-v2`);
    await users.update(r.id, { capacity: 1 });
    expect(await env.jobIds('fill-reviewer')).not.toContain(`fill-${r.id}-v3`);
    await users.update(r.id, { topics: ['Health'] });
    expect(await env.jobIds('fill-reviewer')).toContain(`fill-${r.id}-v4`);
    expect(await users.get(r.id)).toMatchObject({ capacity: 1, topics: ['health'] });
  });

  it('lists users by creation with a keyset cursor, filtered by role', async () => {
    await env.user('reviewer');
    const first = await users.list(2, undefined, 'reviewer');
    expect(first.items).toHaveLength(2);
    const rest = await users.list(200, first.nextCursor ?? undefined, 'reviewer');
    const ids = [...first.items, ...rest.items].map((u) => u.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect([...first.items, ...rest.items].every((u) => u.role === 'reviewer')).toBe(true);
  });
});
