import { createReadStream, existsSync } from 'fs';
import * as readline from 'readline';
import {
  CachedEncoder,
  Matcher,
  MemoryMatchIndex,
  UseEncoder,
  cleanText,
  type MatchText,
  type SentenceEncoder,
} from '@claimdesk/matching';
import { CliCommand, UsageError } from '../cli-command';

type Write = (line: string) => Promise<void> | void;

async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

/** `id<TAB>text` rows after a header line; columns after `text` are ignored. */
async function* rows(file: string): AsyncGenerator<{ id: string; text: string }> {
  const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    if (!line.trim()) continue;
    const [id, text] = line.split('\t');
    if (text === undefined) throw new UsageError(`${file}: a line without a text column: ${id.slice(0, 40)}`);
    yield { id, text };
  }
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

export const DEFAULT_VECTOR_CACHE = '.cache/matching/use.f32';
const BATCH = 64;

/** Vectors for a batch of texts, or nulls without an encoder. */
async function vectors(encoder: SentenceEncoder | null, texts: string[]): Promise<(Float32Array | null)[]> {
  return encoder ? encoder.encode(texts.map(cleanText)) : texts.map(() => null);
}

/**
 * Offline matching: the claims file becomes an in-memory index (the pipeline's candidates come from PostgreSQL
 * instead); each query's candidates are ranked by the pipeline's Matcher and written as they are ready.
 */
export async function runMatch(argv: string[], write: Write, matcher = new Matcher()): Promise<number> {
  const claims = option(argv, '--claims');
  const queries = option(argv, '--queries');
  const top = Number(option(argv, '--top') ?? 5);
  if (!claims || !queries) throw new UsageError('match needs --claims FILE and --queries FILE (id<TAB>text TSVs)');
  for (const f of [claims, queries]) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
  if (!Number.isInteger(top) || top < 1) throw new UsageError('--top needs a positive integer');
  const semantic = !argv.includes('--no-semantic');
  const cache = option(argv, '--vector-cache') ?? DEFAULT_VECTOR_CACHE;
  const encoder = semantic ? new CachedEncoder(new UseEncoder(), cache) : null;

  const index = new MemoryMatchIndex(matcher);
  let batch: MatchText[] = [];
  const flushClaims = async () => {
    const vs = await vectors(
      encoder,
      batch.map((c) => c.text),
    );
    batch.forEach((c, i) => index.add({ ...c, vector: vs[i] }));
    batch = [];
  };
  for await (const c of rows(claims)) {
    batch.push(c);
    if (batch.length >= BATCH * 16) await flushClaims();
  }
  await flushClaims();
  encoder?.save();

  await write('query_id\tclaim_id\trank\tscore');
  const flushQueries = async () => {
    const vs = await vectors(
      encoder,
      batch.map((q) => q.text),
    );
    for (const [i, q] of batch.entries()) {
      const ranked = index.match({ ...q, vector: vs[i] }, top);
      for (const [r, m] of ranked.entries()) await write(`${q.id}\t${m.id}\t${r + 1}\t${m.score.toFixed(6)}`);
    }
    batch = [];
  };
  for await (const q of rows(queries)) {
    batch.push(q);
    if (batch.length >= (encoder ? BATCH : 1)) await flushQueries();
  }
  await flushQueries();
  encoder?.save();
  return 0;
}

export const matchCommand: CliCommand = {
  name: 'match',
  usage:
    'match --claims FILE --queries FILE [--top 5] [--no-semantic] [--vector-cache FILE]   rank claims for each query;\n' +
    '      prints query_id<TAB>claim_id<TAB>rank<TAB>score (both files id<TAB>text with a header)',
  run: (argv) => runMatch(argv, writeLine),
};
