import { createReadStream, existsSync } from 'fs';
import * as readline from 'readline';
import { CheckworthinessModel } from '@claimdesk/extraction';
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
  usage: 'score --input FILE   score a Sentence_id<TAB>Text TSV; prints Sentence_id<TAB>score<TAB>label',
  async run(argv: string[]): Promise<number> {
    const at = argv.indexOf('--input');
    const file = at >= 0 ? argv[at + 1] : undefined;
    if (!file) throw new UsageError('score needs --input FILE (a TSV with a Sentence_id<TAB>Text header)');
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const model = CheckworthinessModel.load();
    if (!model.trained) console.error('warning: no trained model file, scoring with the fallback heuristic');
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
      const score = model.score(unquote(text));
      await writeLine(`${id}\t${score.toFixed(4)}\t${score >= model.threshold ? 'Yes' : 'No'}`);
    }
    if (header) throw new UsageError(`${file} is empty`);
    return bad ? 1 : 0;
  },
};
