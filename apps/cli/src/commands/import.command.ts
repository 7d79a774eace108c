import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ArticlesModule, ArticlesService, parseRawArticle } from '@claimdesk/articles';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { QueueModule } from '@claimdesk/queue';
import { CliCommand, UsageError } from '../cli-command';
import { ImportProgress } from './import-progress';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, ArticlesModule] })
class ImportCliModule {}

/** One article read from the input: where it came from (line number or file name) and its fields or an error. */
interface Item {
  where: string;
  value: unknown;
  bytes: number;
}

/** JSON Lines, one article a line (blank lines skipped); a line that is not JSON is kept as invalid. */
async function* jsonLines(file: string): AsyncGenerator<Item> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    const bytes = Buffer.byteLength(line) + 1;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = Symbol.for('not-json');
    }
    yield { where: `line ${n}`, value, bytes };
  }
}

/** A folder of .txt files in the raw form newsrooms send (title, source and date read from the header). */
async function* textFiles(dir: string): AsyncGenerator<Item> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    const raw = parseRawArticle(text);
    yield {
      where: name,
      bytes: Buffer.byteLength(text),
      value: {
        body: raw.body,
        ...(raw.title ? { title: raw.title } : {}),
        ...(raw.source ? { source: raw.source } : {}),
        ...(raw.publishedAt ? { publishedAt: raw.publishedAt.toISOString() } : {}),
      },
    };
  }
}

async function inputSize(path: string, isDir: boolean): Promise<number> {
  if (!isDir) return (await stat(path)).size;
  let total = 0;
  for (const f of await readdir(path)) if (f.endsWith('.txt')) total += (await stat(join(path, f))).size;
  return total;
}

/**
 * `import FILE.jsonl | FOLDER [--batch N]`: streams the input, inserts in batches (what is stored already counts as
 * a duplicate, so a rerun after an interruption resumes), queues the new articles for extraction, shows progress,
 * prints a summary with every invalid line and its reason. Exit code 0 only when nothing was invalid.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import FILE.jsonl|FOLDER_OF_TXT [--batch 500]   one article a line (the POST /v1/articles fields)',
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { batch: { type: 'string' } },
    });
    const path = positionals[0];
    if (!path || positionals.length > 1) throw new UsageError('import takes one FILE.jsonl or FOLDER');
    const batchSize = values.batch === undefined ? 500 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
      throw new UsageError('--batch must be a whole number from 1 to 5000');
    }
    const info = await stat(path).catch(() => null);
    if (!info) throw new UsageError(`no such file or folder: ${path}`);
    const items = info.isDirectory() ? textFiles(path) : jsonLines(path);

    const app = await NestFactory.createApplicationContext(ImportCliModule, { logger: ['error'] });
    const articles = app.get(ArticlesService);
    const progress = new ImportProgress(await inputSize(path, info.isDirectory()));
    const counts = { created: 0, duplicate: 0, invalid: 0 };
    const invalid: string[] = [];
    try {
      let batch: Item[] = [];
      const flush = async () => {
        const results = await articles.ingestMany(
          batch.map((i) => (typeof i.value === 'symbol' ? null : i.value)),
          null,
        );
        results.forEach((r, k) => {
          counts[r.status]++;
          if (r.status === 'invalid') {
            const reason = typeof batch[k].value === 'symbol' ? 'not valid JSON' : r.error;
            invalid.push(`${batch[k].where}: ${reason}`);
          }
        });
        progress.advance(
          batch.length,
          batch.reduce((s, i) => s + i.bytes, 0),
          counts,
        );
        batch = [];
      };
      for await (const item of items) {
        batch.push(item);
        if (batch.length >= batchSize) await flush();
      }
      if (batch.length) await flush();
    } finally {
      progress.stop();
      await app.close();
    }
    const total = counts.created + counts.duplicate + counts.invalid;
    console.log(
      `imported ${total} articles in ${progress.seconds().toFixed(1)} s (${Math.round(total / progress.seconds())}/s): ` +
        `${counts.created} created, ${counts.duplicate} duplicate (already stored), ${counts.invalid} invalid; ` +
        `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
    );
    for (const line of invalid) console.log(`invalid ${line}`);
    return counts.invalid ? 1 : 0;
  },
};
