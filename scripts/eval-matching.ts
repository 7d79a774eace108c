/**
 * `npm run eval:matching [-- --split train|dev] [--no-semantic]`: the matcher on the CheckThat! 2022 Task 2A
 * queries (dev by default; weights are tuned on train only), beside a BM25 baseline over claim and title and each
 * signal alone. The matcher's figures come from the CLI's own code (`cli match`, run in-process on a claims file
 * whose text is "vclaim title"). Sentence vectors are cached in .cache/matching (gitignored): the first run encodes
 * the 14,231 claims (about 10-20 minutes), later ones read the cache.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { runMatch, DEFAULT_VECTOR_CACHE } from '../apps/cli/src/commands/match.command';
import {
  Bm25Index,
  CachedEncoder,
  Matcher,
  MemoryMatchIndex,
  SIGNALS,
  UseEncoder,
  cleanText,
  terms,
} from '../libs/matching/src';
import { DATA_DIR, readClaims, readQrels, readQueries } from './lib/matching-data';
import { evaluate, fmtScores } from './lib/ranking-metrics';

const CACHE_DIR = path.dirname(DEFAULT_VECTOR_CACHE);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const split = argv[argv.indexOf('--split') + 1] === 'train' ? 'train' : 'dev';
  const semantic = !argv.includes('--no-semantic');
  const claims = readClaims();
  const queries = readQueries(split);
  const gold = readQrels(split);
  mkdirSync(CACHE_DIR, { recursive: true });
  const claimsFile = path.join(CACHE_DIR, 'vclaims-with-titles.tsv');
  writeFileSync(claimsFile, 'id\ttext\n' + claims.map((c) => `${c.id}\t${c.vclaim} ${c.title}`).join('\n') + '\n');
  console.log(`${split}: ${queries.length} queries, ${claims.length} claims\n`);

  // The matcher, through the CLI's code.
  const lines: string[] = [];
  const t0 = Date.now();
  const cliArgs = ['--claims', claimsFile, '--queries', path.join(DATA_DIR, `${split}_queries.tsv`), '--top', '5'];
  await runMatch(semantic ? cliArgs : [...cliArgs, '--no-semantic'], (l) => void lines.push(l));
  const ranked = new Map<string, string[]>();
  for (const l of lines.slice(1)) {
    const [q, c] = l.split('\t');
    ranked.set(q, [...(ranked.get(q) ?? []), c]);
  }
  console.log(fmtScores(`matcher${semantic ? '' : ' (no semantic)'}`, evaluate(ranked, gold)));
  console.log(`  (cli match: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // The reference baseline: BM25 over claim and title.
  const bm25 = new Bm25Index();
  for (const c of claims) bm25.add(terms(`${c.vclaim} ${c.title}`));
  const base = new Map(
    queries.map((q) => [q.id, bm25.search(terms(q.text), 5).map((r) => claims[r.doc].id)] as [string, string[]]),
  );
  console.log(fmtScores('BM25 baseline', evaluate(base, gold)));

  // Each signal alone, over the matcher's candidates.
  const matcher = new Matcher();
  const encoder = semantic ? new CachedEncoder(new UseEncoder(), DEFAULT_VECTOR_CACHE) : null;
  const index = new MemoryMatchIndex(matcher);
  const texts = claims.map((c) => `${c.vclaim} ${c.title}`);
  const cv = encoder ? await encoder.encode(texts.map(cleanText)) : [];
  texts.forEach((text, i) => index.add({ id: claims[i].id, text, vector: cv[i] ?? null }));
  const qv = encoder ? await encoder.encode(queries.map((q) => cleanText(q.text))) : [];
  const perSignal = new Map(SIGNALS.map((s) => [s, new Map<string, string[]>()]));
  queries.forEach((q, i) => {
    const p = matcher.prepare({ ...q, vector: qv[i] ?? null });
    const feats = index.candidates(p).map((d) => ({ id: d.id, f: matcher.features(p, d, index.bm25) }));
    for (const s of SIGNALS) {
      const order = [...feats].sort(
        (a, b) => matcher.signal(b.f, s) - matcher.signal(a.f, s) || (a.id < b.id ? -1 : 1),
      );
      perSignal.get(s)!.set(
        q.id,
        order.slice(0, 5).map((x) => x.id),
      );
    }
  });
  for (const s of SIGNALS) {
    if (s === 'semantic' && !semantic) continue;
    console.log(fmtScores(`  ${s} alone`, evaluate(perSignal.get(s)!, gold)));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
