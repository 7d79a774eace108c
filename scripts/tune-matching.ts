/**
 * `npm run tune:matching [-- --no-semantic]`: fits the matcher's logistic weights on the TRAIN queries only
 * (candidates as the matcher gets them; coordinate ascent on train MAP@5 from BM25 alone), and writes
 * libs/matching/src/weights.ts. Never reads the dev queries.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_VECTOR_CACHE } from '../apps/cli/src/commands/match.command';
import {
  CachedEncoder,
  Matcher,
  MemoryMatchIndex,
  UseEncoder,
  cleanText,
  type MatchFeatures,
  type MatchWeights,
} from '../libs/matching/src';
import { readClaims, readQrels, readQueries } from './lib/matching-data';
import { evaluate } from './lib/ranking-metrics';

const KEYS = [
  'lexical',
  'coverage',
  'semantic',
  'quantityShared',
  'quantityConflict',
  'claimantSame',
  'claimantDifferent',
] as const;

async function main(): Promise<void> {
  const semantic = !process.argv.includes('--no-semantic');
  const claims = readClaims();
  const queries = readQueries('train');
  const gold = readQrels('train');
  const encoder = semantic ? new CachedEncoder(new UseEncoder(), DEFAULT_VECTOR_CACHE) : null;
  const texts = claims.map((c) => `${c.vclaim} ${c.title}`);
  const cv = encoder ? await encoder.encode(texts.map(cleanText)) : [];
  const qv = encoder ? await encoder.encode(queries.map((q) => cleanText(q.text))) : [];
  encoder?.save();

  const k1 = 1.2;
  const b = 0.75;
  const index = new MemoryMatchIndex(new Matcher({ bm25: { k1, b } }));
  texts.forEach((text, i) => index.add({ id: claims[i].id, text, vector: cv[i] ?? null }));
  const rows: { q: string; id: string; f: MatchFeatures }[] = [];
  queries.forEach((q, i) => {
    const p = index.matcher.prepare({ ...q, vector: qv[i] ?? null });
    for (const d of index.candidates(p)) rows.push({ q: q.id, id: d.id, f: index.matcher.features(p, d, index.bm25) });
  });
  const keys = KEYS.filter((k) => semantic || k !== 'semantic');
  const X = rows.map((r) => keys.map((k) => r.f[k]));
  // Ranking weights: coordinate ascent on train MAP@5 from BM25 alone (the linear score; the sigmoid keeps order).
  const trainMap = (w: number[]) => {
    const lists = new Map<string, { id: string; s: number }[]>();
    rows.forEach((r, i) => {
      const s = X[i].reduce((a, x, j) => a + w[j] * x, 0);
      if (!lists.has(r.q)) lists.set(r.q, []);
      lists.get(r.q)!.push({ id: r.id, s });
    });
    const ranked = new Map(
      [...lists].map(([q, l]) => [q, l.sort((p, o) => o.s - p.s || (p.id < o.id ? -1 : 1)).map((x) => x.id)]),
    );
    return evaluate(ranked, gold).map5;
  };
  let w = keys.map((k) => (k === 'lexical' ? 1 : 0));
  let bestMap = trainMap(w);
  console.log(`BM25 alone: train MAP@5 ${bestMap.toFixed(4)}`);
  for (let round = 0; round < 3; round++) {
    for (let j = 1; j < keys.length; j++) {
      for (const step of [-1, -0.5, -0.25, -0.1, -0.05, 0.05, 0.1, 0.25, 0.5, 1]) {
        const t = [...w];
        t[j] += step;
        const m = trainMap(t);
        if (m > bestMap + 1e-6) {
          bestMap = m;
          w = t;
        }
      }
    }
    console.log(
      `round ${round}: train MAP@5 ${bestMap.toFixed(4)}`,
      keys.map((k, j) => `${k} ${w[j].toFixed(2)}`).join(' '),
    );
  }
  const weights = Object.fromEntries([
    ['bias', 0],
    ...KEYS.map((k) => [k, keys.includes(k) ? w[keys.indexOf(k)] : 0]),
  ]) as unknown as MatchWeights;
  const best = { map5: bestMap, k1, b, weights };
  console.log('best', JSON.stringify(best));
  const round = (w: MatchWeights) =>
    Object.fromEntries(Object.entries(w).map(([k, v]) => [k, Math.round(v * 1000) / 1000])) as unknown as MatchWeights;
  const name = semantic ? 'SEMANTIC' : 'LEXICAL';
  const file = path.join(__dirname, '..', 'libs', 'matching', 'src', `weights-${semantic ? 'semantic' : 'lexical'}.ts`);
  writeFileSync(
    file,
    `// Written by scripts/tune-matching.ts from the train queries (train MAP@5 ${best.map5.toFixed(4)}).\n` +
      `import type { MatchWeights } from './matcher';\n\n` +
      `export const ${name}_BM25 = { k1: ${best.k1}, b: ${best.b} };\n` +
      `export const ${name}_WEIGHTS: MatchWeights = ${JSON.stringify(round(best.weights))};\n`,
  );
  console.log(`wrote ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
