import { createHash } from 'node:crypto';
import { bodyHash } from './normalize';

/** The rule as first written: stored hashes were made with it, so a repeat must still hash the same. */
const original = (body: string) =>
  createHash('sha256').update(body.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase(), 'utf8').digest('hex');

describe('bodyHash', () => {
  it('hashes exactly as the original rule did, whatever the whitespace', () => {
    const samples = [
      'Plain prose, one space between words.',
      '  Leading and trailing \n',
      'Tabs\tand\t\tnew\nlines\r\n\r\nand  double  spaces',
      'No-break\u00a0space, ideographic\u3000space, line\u2028separator',
      ' \t mixed \n \t runs \u00a0 \u00a0 here',
      'Cafe\u0301 composed (NFC) and CAPITALS',
      '',
      '   ',
    ];
    for (const s of samples) expect(bodyHash(s)).toBe(original(s));
  });

  it('treats bodies that differ only in whitespace, case and composition as the same', () => {
    expect(bodyHash('Café  rose\n3 percent')).toBe(bodyHash(' cafe\u0301 ROSE 3\tpercent '));
    expect(bodyHash('Prices rose 3 percent')).not.toBe(bodyHash('Prices rose 4 percent'));
  });
});
