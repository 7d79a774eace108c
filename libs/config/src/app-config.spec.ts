import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the local defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/claimdesk');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
  });

  it('converts numbers from strings', () => {
    expect(loadConfig({ PORT: '8080', AUTO_QUEUE_SCORE: '0.7' })).toMatchObject({ PORT: 8080, AUTO_QUEUE_SCORE: 0.7 });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'localhost:6379'],
    ['AUTO_QUEUE_SCORE', '1.5'],
    ['QUEUE_PREFIX', 'has space'],
    ['PRIORITY_TYPE_BONUS', 'opinion=1'],
    ['ROLES', 'api,web'],
    ['ROLES', ' , '],
    ['MIGRATE_ON_START', 'yes'],
    ['API_PROCESSES', '0'],
    ['API_PROCESSES', '2.5'],
    ['API_PROCESSES', '33'],
    ['EXTRACTION_TIMEOUT_MS', '0'],
    ['EXTRACTION_CONCURRENCY', '0'],
    ['AUTO_QUEUE_MAX_PER_ARTICLE', '-1'],
    ['HTTP_REQUEST_TIMEOUT_MS', '0'],
  ])('refuses %s=%s and names it', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(new RegExp(key));
  });

  it('reads the roles and the migrate switch of npm start', () => {
    expect(loadConfig({})).toMatchObject({ ROLES: 'api,worker', MIGRATE_ON_START: true, API_PROCESSES: 1 });
    expect(loadConfig({ API_PROCESSES: '2' }).API_PROCESSES).toBe(2);
    expect(loadConfig({ ROLES: 'worker', MIGRATE_ON_START: 'false' })).toMatchObject({
      ROLES: 'worker',
      MIGRATE_ON_START: false,
    });
  });

  it('bounds every extraction and every request by default', () => {
    const c = loadConfig({});
    expect(c.EXTRACTION_TIMEOUT_MS).toBe(30_000);
    expect(c.HTTP_REQUEST_TIMEOUT_MS).toBeGreaterThan(0);
    expect(c.HTTP_HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(c.HTTP_REQUEST_TIMEOUT_MS);
  });

  it('does not print connection strings, which may hold passwords', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:secret@x' })).toThrow(/DATABASE_URL=\(hidden\)/);
  });
});
