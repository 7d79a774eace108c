import { readFileSync } from 'fs';
import * as path from 'path';

/** Test helper: the seed article as received (header lines included) and the body the API stores. */
export function seedArticle(): { raw: string; body: string; title: string } {
  // The seed article of the shared data, beside the repository (as on the development machines and in CI).
  const raw = readFileSync(
    path.join(__dirname, '..', '..', '..', '..', 'shared', 'articles', '000_85f1aeb291a03b72.txt'),
    'utf8',
  );
  const lines = raw.split('\n');
  const bodyStart = raw.indexOf('BEIJING (UrduPoint');
  return { raw, body: raw.slice(bodyStart), title: lines[1].trim() };
}
