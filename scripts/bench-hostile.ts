/**
 * The extractor on hostile bodies (scripts/lib/hostile-bodies.ts) against a normal article of the same length:
 * time per input, its ratio to the normal one (the target is at most 3) and peak RSS. Each input runs in its own
 * process, so a stall is cut off by --timeout and the RSS is that input's. Prints figures; it asserts nothing.
 *
 *   npm run bench:hostile [-- --size 200000 --timeout 120 --runs 3 --only said-runs,short-claims]
 */
import { spawnSync } from 'child_process';
import { HOSTILE_KINDS, HOSTILE_SIZE, hostileBody, normalBody, type HostileKind } from './lib/hostile-bodies';

interface Result {
  seconds: number;
  claims: number;
  rssMb: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** In the child: extract `runs` times, report the median time. */
function child(kind: HostileKind | 'normal', size: number, runs: number): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WinkClaimExtractor } = require('../libs/extraction/src') as typeof import('../libs/extraction/src');
  const extractor = new WinkClaimExtractor();
  const body = kind === 'normal' ? normalBody(size) : hostileBody(kind, size);
  extractor.extract({ body: normalBody(20_000) }); // warm-up (JIT, wink caches)
  const times: number[] = [];
  let claims = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    claims = extractor.extract({ body }).length;
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  const result: Result = {
    seconds: times[Math.floor(times.length / 2)],
    claims,
    rssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

function runOne(kind: HostileKind | 'normal', size: number, runs: number, timeoutS: number): Result | null {
  const r = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', __filename, '--child', kind, '--size', String(size), '--runs', String(runs)],
    {
      encoding: 'utf8',
      timeout: timeoutS * 1000,
      killSignal: 'SIGKILL',
    },
  );
  if (r.status !== 0 || !r.stdout) return null;
  return JSON.parse(r.stdout) as Result;
}

function main(): void {
  const size = Number(arg('size', String(HOSTILE_SIZE)));
  const runs = Number(arg('runs', '3'));
  if (process.argv.includes('--child')) return child(arg('child', 'normal') as HostileKind | 'normal', size, runs);
  const timeoutS = Number(arg('timeout', '120'));
  const only = arg('only', '');
  const kinds = only ? (only.split(',') as HostileKind[]) : [...HOSTILE_KINDS];
  for (const k of kinds)
    if (!HOSTILE_KINDS.includes(k)) throw new Error(`unknown input ${k}; known: ${HOSTILE_KINDS.join(', ')}`);

  console.log(
    `${size} characters per body, median of ${runs} run(s), one process per input, cut off after ${timeoutS} s`,
  );
  const normal = runOne('normal', size, runs, timeoutS);
  if (!normal) throw new Error('the normal article did not finish');
  const row = (name: string, r: Result | null) =>
    r
      ? `${name.padEnd(20)} ${r.seconds.toFixed(3).padStart(8)} s  ${(r.seconds / normal.seconds).toFixed(2).padStart(7)} x  ${String(r.claims).padStart(6)} claims  ${r.rssMb.toFixed(0).padStart(5)} MB`
      : `${name.padEnd(20)} > ${timeoutS} s (cut off)`;
  console.log(
    `${'input'.padEnd(20)} ${'time'.padStart(10)}  ${'ratio'.padStart(9)}  ${'claims'.padStart(13)}  peak RSS`,
  );
  console.log(row('normal', normal));
  let worst = 0;
  for (const kind of kinds) {
    const r = runOne(kind, size, runs, timeoutS);
    console.log(row(kind, r));
    worst = Math.max(worst, r ? r.seconds / normal.seconds : Infinity);
  }
  console.log(`worst ratio: ${Number.isFinite(worst) ? worst.toFixed(2) : 'cut off'} (target <= 3)`);
}

main();
