import { createReadStream, existsSync } from 'fs';
import * as readline from 'readline';
import { encode } from '@claimdesk/encoder';
import { Stage2Model, WinkClaimExtractor, type ExtractedClaim, type ExtractOptions } from '@claimdesk/extraction';
import { CliCommand, UsageError } from '../cli-command';

async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

async function readText(file: string): Promise<string> {
  let text = '';
  for await (const chunk of createReadStream(file, 'utf8')) text += chunk;
  return text;
}

export const extractCommand: CliCommand = {
  name: 'extract',
  usage:
    'extract FILE [--min-score X] [--fast]   claims of an article (.txt body) as JSON, or one JSON line per .jsonl line (--fast: stage 1 only)',
  async run(argv: string[]): Promise<number> {
    const options: ExtractOptions = {};
    const at = argv.indexOf('--min-score');
    if (at >= 0) {
      options.minScore = Number(argv[at + 1]);
      if (!Number.isFinite(options.minScore)) throw new UsageError('--min-score needs a number');
      argv = argv.filter((_, i) => i !== at && i !== at + 1);
    }
    const fast = argv.includes('--fast') || process.env.CHECKWORTHINESS_ENCODER === 'off';
    argv = argv.filter((a) => a !== '--fast');
    const stage2 = fast ? null : Stage2Model.load();
    // Vectors are for the database: the CLI prints claims without them.
    const rescore = async (articles: ExtractedClaim[][]) => {
      if (stage2) await stage2.rescore(articles, encode);
      for (const a of articles) for (const c of a) delete c.embedding;
    };
    const file = argv[0];
    if (!file) throw new UsageError('extract needs a FILE (.txt article body or .jsonl of {"id","body","title"?})');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const extractor = new WinkClaimExtractor();
    if (!file.endsWith('.jsonl')) {
      const claims = extractor.extract({ body: await readText(file) }, options);
      await rescore([claims]);
      await writeLine(JSON.stringify({ claims }, null, 2));
      return 0;
    }
    // One article per line, one result line per article, streamed.
    const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let failures = 0;
    let n = 0;
    // Up to 32 articles at a time, so stage 2 encodes their sentences together.
    let pending: Array<{ id: unknown; claims?: ExtractedClaim[]; error?: string }> = [];
    const flush = async () => {
      await rescore(pending.flatMap((p) => (p.claims ? [p.claims] : [])));
      for (const p of pending) await writeLine(JSON.stringify(p.error ? { id: p.id, error: p.error } : p));
      pending = [];
    };
    for await (const line of rl) {
      n++;
      if (!line.trim()) continue;
      let id: unknown = null;
      try {
        const doc = JSON.parse(line) as { id?: unknown; body?: unknown; title?: unknown };
        id = doc.id ?? null;
        if (typeof doc.body !== 'string') throw new Error('"body" must be a string');
        const title = typeof doc.title === 'string' ? doc.title : null;
        pending.push({ id, claims: extractor.extract({ body: doc.body, title }, options) });
      } catch (err) {
        failures++;
        console.error(`line ${n}: ${(err as Error).message}`);
        pending.push({ id, error: (err as Error).message });
      }
      if (pending.length >= 32) await flush();
    }
    await flush();
    return failures ? 1 : 0;
  },
};
