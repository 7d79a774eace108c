import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The api never loads the NLP model (about 100 MiB) nor the sentence encoder (tfjs and ~30 MB of weights), nor runs
 * an extraction: that is the worker's threads' work.
 */
describe('the api process', () => {
  it('loads no NLP model and no extraction thread code when its module tree is imported', () => {
    const root = join(__dirname, '../../..');
    const script = `
      require('reflect-metadata');
      require('./apps/api/src/api.module');
      const loaded = Object.keys(require.cache);
      console.log(JSON.stringify({
        model: loaded.filter((f) => f.includes('wink-eng-lite-web-model')).length,
        pool: loaded.filter((f) => f.includes('extraction-pool') || f.includes('extraction-thread')).length,
        encoder: loaded.filter((f) => f.includes('@energetic-ai') || f.includes('@tensorflow') || f.includes('encoder-thread.')).length,
        api: loaded.filter((f) => f.includes('articles.controller')).length,
      }));`;
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ model: 0, pool: 0, encoder: 0, api: 1 });
  }, 90_000);
});
