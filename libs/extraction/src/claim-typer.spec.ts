import { ClaimTyper } from './claim-typer';
import { QuantityParser } from './quantity-parser';

describe(ClaimTyper.name, () => {
  const typer = new ClaimTyper();
  const parser = new QuantityParser();
  const type = (s: string) => typer.type(s, parser.parse(s));

  it.each([
    [
      'US law enforcement agencies had issued from 2,400 to 3,500 confidentiality orders over the past five years.',
      'quantity',
    ],
    ["We're consuming 50 percent of the world's cocaine.", 'quantity'],
    ['Unemployment has doubled since he took office.', 'quantity'],
    ['The deficit will reach a trillion dollars next year.', 'prediction'],
    ['Prices went up because of the new tariffs.', 'causal'],
    ['Smoking is linked to lung cancer.', 'causal'],
    ['It is illegal to sell that data without a warrant.', 'rule'],
    ['I grew up in a small town in Ohio.', 'personal'],
    ['The United States is the biggest threat to global cybersecurity.', 'other'],
  ])('%s -> %s', (sentence, expected) => {
    expect(type(sentence)).toBe(expected);
  });
});
