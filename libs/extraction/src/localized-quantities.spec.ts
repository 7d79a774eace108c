import { parseLocalizedNumber, parseLocalizedQuantities } from './localized-quantities';

describe('parseLocalizedQuantities', () => {
  it('reads "120 000" as one number, not "120" and "000"', () => {
    const q = parseLocalizedQuantities('Il y a 120 000 demandeurs d’emploi de moins, a déclaré le ministre.', 'fr');
    expect(q).toEqual([{ text: '120 000', value: 120000 }]);
  });

  it.each([
    ['fr', 'Le chômage est tombé à 7,1 % au troisième trimestre.', [{ text: '7,1 %', value: 7.1, unit: '%' }]],
    ['fr', 'Cela concerne 2,3 millions de ménages.', [{ text: '2,3 millions', value: 2_300_000 }]],
    ['fr', 'Un budget de 4,5 milliards d’euros.', [{ text: '4,5 milliards', value: 4_500_000_000 }]],
    ['de', 'Die Quote sank auf 5,3 Prozent, sagte der Minister.', [{ text: '5,3 Prozent', value: 5.3, unit: '%' }]],
    [
      'de',
      'Es gibt 2,3 Millionen Arbeitslose und 120.000 offene Stellen.',
      [
        { text: '2,3 Millionen', value: 2_300_000 },
        { text: '120.000', value: 120000 },
      ],
    ],
    [
      'es',
      'El paro bajó al 12,1 % con 2,3 millones de desempleados.',
      [
        { text: '12,1 %', value: 12.1, unit: '%' },
        { text: '2,3 millones', value: 2_300_000 },
      ],
    ],
    ['es', 'Costará 350 000 euros.', [{ text: '350 000 euros', value: 350000, unit: 'EUR' }]],
  ] as const)('%s: %s', (lang, sentence, expected) => {
    expect(parseLocalizedQuantities(sentence, lang)).toEqual(expected);
  });

  it('leaves dates and years alone', () => {
    expect(parseLocalizedQuantities('Le 14 novembre 2024, le ministre a parlé.', 'fr')).toEqual([]);
    expect(parseLocalizedQuantities('Am 3. März 2025 sprach der Minister.', 'de')).toEqual([]);
  });

  it('parses the number formats on their own', () => {
    expect(parseLocalizedNumber('120\u202f000')).toBe(120000);
    expect(parseLocalizedNumber('1.234.567,89')).toBe(1234567.89);
    expect(parseLocalizedNumber('7,1')).toBe(7.1);
    expect(parseLocalizedNumber('12 34')).toBeNull();
  });
});
