import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pagedStream } from './claims-export.service';

/** 1,000 pages of 100 KiB each (100 MiB in all), counting how many the stream has asked for. */
function pages() {
  const state = { pulled: 0 };
  const page = 'x'.repeat(100 * 1024);
  async function* gen() {
    for (; state.pulled < 1000;) {
      state.pulled++;
      await Promise.resolve();
      yield page;
    }
  }
  return { state, gen };
}

const ticks = (n: number) => new Promise((r) => setTimeout(r, n));

describe('pagedStream', () => {
  it('asks for the next page only as the reader takes them (back-pressure reaches the generator)', async () => {
    const { state, gen } = pages();
    let taken = 0;
    let release: () => void = () => undefined;
    // A reader that takes one page and then stalls until released, like a client that stops reading.
    const slow = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, done) {
        taken++;
        if (taken === 1) release = done;
        else done();
      },
    });
    const done = pipeline(pagedStream(gen), slow);
    await ticks(50);
    // The stalled reader holds one page, the stream's buffer one more: a few pages, not 1,000.
    expect(state.pulled).toBeLessThanOrEqual(3);
    release();
    await done;
    expect(state.pulled).toBe(1000);
    expect(taken).toBe(1000);
  });
});
