import { readFileSync } from 'fs';
import * as path from 'path';

/** Test helper: the seed article as received (header lines included) and the body the API stores. */
export function seedArticle(): { raw: string; body: string; title: string } {
  const raw = readFileSync(path.join(__dirname, '..', 'fixtures', 'seed-article.txt'), 'utf8');
  const lines = raw.split('\n');
  const bodyStart = raw.indexOf('BEIJING (UrduPoint');
  return { raw, body: raw.slice(bodyStart), title: lines[1].trim() };
}
