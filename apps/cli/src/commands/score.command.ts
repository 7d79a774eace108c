import { createReadStream, existsSync } from 'fs';
import * as readline from 'readline';
import { encode } from '@claimdesk/encoder';
import { CheckworthinessModel, Stage2Model } from '@claimdesk/extraction';
import { CliCommand, UsageError } from '../cli-command';

/** Writes a line, waiting for stdout to drain so a large input never buffers in memory. */
async function writeLine(line: string): Promise<void> {
  if (!process.stdout.write(`${line}\n`)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

/** Undoes CSV-style quoting: `"Well, ""seven"" million."` */
function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

export const scoreCommand: CliCommand = {
  name: 'score',
  usage:
    'score --input FILE [--fast]   score a Sentence_id<TAB>Text TSV with both stages (--fast: stage 1 only); prints Sentence_id<TAB>score<TAB>label',
  async run(argv: string[]): Promise<number> {
    const at = argv.indexOf('--input');
    const file = at >= 0 ? argv[at + 1] : undefined;
    if (!file) throw new UsageError('score needs --input FILE (a TSV with a Sentence_id<TAB>Text header)');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const model = CheckworthinessModel.load();
    if (!model.trained) console.error('warning: no trained model file, scoring with the fallback heuristic');
    const stage2 = argv.includes('--fast') || process.env.CHECKWORTHINESS_ENCODER === 'off' ? null : Stage2Model.load();
    const threshold = stage2 ? stage2.bestF1Threshold : model.threshold;
    // Rows go out in batches, so stage 2 encodes many sentences per call.
    let batch: Array<{ id: string; text: string }> = [];
    const flush = async () => {
      const texts = batch.map((r) => r.text);
      const fast = texts.map((t) => model.score(t));
      const scores = stage2 ? await stage2.scoreTexts(texts, fast, encode) : fast;
      for (let i = 0; i < batch.length; i++)
        await writeLine(`${batch[i].id}\t${scores[i].toFixed(4)}\t${scores[i] >= threshold ? 'Yes' : 'No'}`);
      batch = [];
    };
    const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let header = true;
    let bad = 0;
    for await (const line of rl) {
      if (header) {
        header = false;
        const cols = line.replace(/^\uFEFF/, '').split('\t');
        if (cols[0]?.trim() !== 'Sentence_id' || cols[1]?.trim() !== 'Text') {
          rl.close();
          throw new UsageError(`${file}: the header must start with Sentence_id<TAB>Text`);
        }
        await writeLine('Sentence_id\tscore\tlabel');
        continue;
      }
      if (!line.trim()) continue;
      const [id, text] = line.split('\t');
      if (text === undefined) {
        bad++;
        console.error(`skipping a line without a Text column: ${id.slice(0, 40)}`);
        continue;
      }
      batch.push({ id, text: unquote(text) });
      if (batch.length >= 256) await flush();
    }
    await flush();
    if (header) throw new UsageError(`${file} is empty`);
    return bad ? 1 : 0;
  },
};
