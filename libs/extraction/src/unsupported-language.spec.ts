import { isScoredLanguage, WinkClaimExtractor } from './wink-claim-extractor';

const FRENCH =
  "L'institut national de la statistique a annoncé mardi que le chômage était tombé à 7,1 % au troisième trimestre. " +
  'Les entreprises ont créé 120 000 emplois depuis janvier. ' +
  "Le ministre des finances prévoit que 2,3 millions de ménages paieront moins d'impôts en 2026.";

describe('extraction of an article in a language the model does not read', () => {
  const extractor = new WinkClaimExtractor();

  it('tells scored languages: English, and unknown or absent as English', () => {
    expect([isScoredLanguage('en'), isScoredLanguage(undefined), isScoredLanguage('und')]).toEqual([true, true, true]);
    expect([isScoredLanguage('fr'), isScoredLanguage('de'), isScoredLanguage('ja')]).toEqual([false, false, false]);
  });

  it('splits a French article into sentences, unscored, with French number formats as quantities', () => {
    const claims = extractor.extract({ body: FRENCH, language: 'fr' });
    expect(claims).toHaveLength(3);
    for (const c of claims) {
      expect(c).toMatchObject({ score: 0, scoredBy: [], claimant: null, section: 'body', type: 'quantity' });
      expect(FRENCH.slice(c.span!.start, c.span!.end)).toBe(c.sentence);
    }
    expect(claims.map((c) => c.quantities)).toEqual([
      [{ text: '7,1 %', value: 7.1, unit: '%' }],
      [{ text: '120 000', value: 120000 }],
      [{ text: '2,3 millions', value: 2300000 }],
    ]);
  });

  it('leaves quantities out for a language whose number formats it does not know, and scores English as before', () => {
    const [ja] = extractor.extract({
      body: 'The ministry said 4,200 people were counted in the census.',
      language: 'xx',
    });
    expect(ja).toMatchObject({ scoredBy: [], quantities: [], type: 'other' });
    const [en] = extractor.extract({
      body: 'The ministry said 4,200 people were counted in the census.',
      language: 'en',
    });
    expect(en.scoredBy).toBeUndefined();
    expect(en.score).toBeGreaterThan(0);
    expect(en.quantities.length).toBeGreaterThan(0);
  });
});
