import { createReadStream, readFileSync } from 'fs';
import * as path from 'path';
import * as readline from 'readline';

// The shared data sits beside the repository (../shared), as on the development machines and in CI.
export const DATA_DIR =
  process.env.CHECKWORTHINESS_DIR ?? path.resolve(__dirname, '../../../shared/data/checkworthiness');
export const SPLITS = {
  train: 'CT24_checkworthy_english_train.tsv',
  dev: 'CT24_checkworthy_english_dev.tsv',
  devTest: 'CT24_checkworthy_english_dev-test.tsv',
} as const;

export interface Example {
  id: string;
  text: string;
  label: 0 | 1;
}

/** Undoes the CSV-style quoting some rows carry: `"Well, there's ""seven"" million."` */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/""/g, '"');
  return t;
}

export function readSplit(split: keyof typeof SPLITS): Example[] {
  const lines = readFileSync(path.join(DATA_DIR, SPLITS[split]), 'utf8').split(/\r?\n/);
  const out: Example[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const [id, text, label] = line.split('\t');
    out.push({ id, text: unquote(text), label: label.trim() === 'Yes' ? 1 : 0 });
  }
  return out;
}

/** Streams the rows of a `Sentence_id<TAB>Text...` TSV, skipping the header. */
export async function* streamTsv(file: string): AsyncGenerator<{ id: string; text: string; rest: string[] }> {
  const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    if (!line.trim()) continue;
    const [id, text, ...rest] = line.split('\t');
    yield { id, text: unquote(text ?? ''), rest };
  }
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export function prf(labels: number[], predicted: boolean[]): Prf {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  labels.forEach((y, i) => {
    if (predicted[i] && y === 1) tp++;
    else if (predicted[i]) fp++;
    else if (y === 1) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

/** The threshold that maximises F1 of the Yes class (used on dev only). */
export function bestThreshold(labels: number[], scores: number[]): { threshold: number; f1: number } {
  const order = scores.map((s, i) => [s, labels[i]] as const).sort((a, b) => b[0] - a[0]);
  const positives = labels.filter((y) => y === 1).length;
  let tp = 0;
  let best = { threshold: 0.5, f1: 0 };
  order.forEach(([s, y], k) => {
    if (y === 1) tp++;
    const f1 = (2 * tp) / (k + 1 + positives);
    const next = order[k + 1]?.[0] ?? s - 1e-6;
    if (f1 > best.f1 && next < s) best = { threshold: (s + next) / 2, f1 };
  });
  return best;
}

export const fmt = (r: Prf) =>
  `P=${r.precision.toFixed(3)} R=${r.recall.toFixed(3)} F1=${r.f1.toFixed(3)} (tp ${r.tp} fp ${r.fp} fn ${r.fn})`;
