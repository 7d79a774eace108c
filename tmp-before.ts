import { monitorEventLoopDelay } from 'node:perf_hooks';
import { WinkClaimExtractor } from './libs/extraction/src';
const e = new WinkClaimExtractor();
const body = 'It rose, a' + ' '.repeat(79) + 'said' + ' '.repeat(1600) + 'b;c.';
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
setTimeout(() => {
  const t = Date.now(); e.extract({ body }); const took = Date.now() - t;
  setTimeout(() => { h.disable(); console.log(`on the main loop: extraction ${took} ms, event loop max delay ${(h.max / 1e6).toFixed(0)} ms`); }, 50);
}, 50);
