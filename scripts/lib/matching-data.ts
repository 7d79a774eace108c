/** The CheckThat! 2022 Task 2A data in ../shared/data/claim-matching (see its README). */
import { readFileSync } from 'fs';
import * as path from 'path';

export const DATA_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'data', 'claim-matching');

export function readTsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
}

export interface VClaim {
  id: string;
  vclaim: string;
  title: string;
}

export function readClaims(): VClaim[] {
  return readTsv(path.join(DATA_DIR, 'vclaims.tsv')).map(([id, vclaim, title]) => ({ id, vclaim, title }));
}

export function readQueries(split: 'train' | 'dev'): { id: string; text: string }[] {
  return readTsv(path.join(DATA_DIR, `${split}_queries.tsv`)).map(([id, text]) => ({ id, text }));
}

export function readQrels(split: 'train' | 'dev'): Map<string, Set<string>> {
  const gold = new Map<string, Set<string>>();
  for (const [q, c] of readTsv(path.join(DATA_DIR, `${split}_qrels.tsv`))) {
    if (!gold.has(q)) gold.set(q, new Set());
    gold.get(q)!.add(c);
  }
  return gold;
}
