/** Precision, recall and F1 of the Yes class on dev and dev-test for the saved model, as the runtime scores it. */
import { CheckworthinessModel } from '../libs/extraction/src/checkworthiness-model';
import { fmt, prf, readSplit } from './lib/checkworthiness-data';

function main(): void {
  const model = CheckworthinessModel.load();
  if (!model.trained)
    console.warn('no model file: scoring with the fallback heuristic (run npm run train:checkworthiness)');
  console.log(`threshold ${model.threshold.toFixed(4)}`);
  for (const split of ['dev', 'devTest'] as const) {
    const data = readSplit(split);
    const predicted = data.map((e) => model.score(e.text) >= model.threshold);
    console.log(
      `${split === 'devTest' ? 'dev-test' : 'dev'}`.padEnd(9),
      `(${data.length})`,
      fmt(
        prf(
          data.map((e) => e.label),
          predicted,
        ),
      ),
    );
  }
}

main();
