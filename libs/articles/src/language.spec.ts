import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from './language';
import { parseRawArticle } from './raw-article.parser';

describe('detectLanguage', () => {
  it('recognises the seed article as English', () => {
    const seed = readFileSync(join(__dirname, '../../../../shared/articles/000_85f1aeb291a03b72.txt'), 'utf8');
    expect(detectLanguage(parseRawArticle(seed).body)).toBe('en');
  });

  it.each([
    [
      'fr',
      "Le gouvernement a annoncé mardi une nouvelle loi sur la sécurité des données personnelles des citoyens, a déclaré le ministre de l'Intérieur devant les députés réunis à Paris.",
    ],
    [
      'de',
      'Die Regierung hat am Dienstag ein neues Gesetz zum Schutz der persönlichen Daten der Bürger angekündigt, sagte der Innenminister vor den Abgeordneten in Berlin.',
    ],
    [
      'es',
      'El gobierno anunció el martes una nueva ley sobre la seguridad de los datos personales de los ciudadanos, dijo el ministro del Interior ante los diputados en Madrid.',
    ],
    [
      'it',
      'Il governo ha annunciato martedì una nuova legge sulla sicurezza dei dati personali dei cittadini, ha detto il ministro degli Interni davanti ai deputati a Roma.',
    ],
  ])('recognises %s', (code, text) => {
    expect(detectLanguage(text)).toBe(code);
  });

  it('falls back to en when there is nothing to tell', () => {
    expect(detectLanguage('42')).toBe('en');
  });
});
