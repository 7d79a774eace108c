import { createLogger, wantsPretty } from './logger';

describe('log format', () => {
  it('is pretty in development only, unless LOG_PRETTY says otherwise', () => {
    expect(wantsPretty({ NODE_ENV: 'development' })).toBe(true);
    expect(wantsPretty({ NODE_ENV: 'production' })).toBe(false);
    expect(wantsPretty({ NODE_ENV: 'test' })).toBe(false);
    expect(wantsPretty({ NODE_ENV: 'development', LOG_PRETTY: false })).toBe(false);
    expect(wantsPretty({ NODE_ENV: 'production', LOG_PRETTY: true })).toBe(true);
  });

  it('writes one JSON object per line when not pretty', () => {
    const out: string[] = [];
    const logger = createLogger({
      level: 'info',
      pretty: false,
      destination: { write: (s: string) => void out.push(s) },
    });
    logger.info({ n: 1 }, 'hello');
    const line = JSON.parse(out.join('').trim()) as { msg: string; n: number; level: string };
    expect(line).toMatchObject({ msg: 'hello', n: 1, level: 'info' });
  });
});
