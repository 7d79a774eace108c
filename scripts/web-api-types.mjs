// The console's API types come from docs/openapi.json (openapi-typescript), never by hand.
// `node scripts/web-api-types.mjs` writes apps/web/src/api/schema.d.ts; `--check` (run by `npm run lint`) fails
// when the committed file is stale: run `npm run openapi:export && npm run web:api-types` after an API change.
import openapiTS, { astToString } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'apps/web/src/api/schema.d.ts');
const doc = JSON.parse(readFileSync(join(root, 'docs/openapi.json'), 'utf8'));
const text =
  '// Generated from docs/openapi.json by scripts/web-api-types.mjs (openapi-typescript). Do not edit.\n' +
  astToString(await openapiTS(doc));

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(out, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (committed !== text) {
    console.error(`${out} is stale: run \`npm run web:api-types\` (after \`npm run openapi:export\`)`);
    process.exit(1);
  }
  console.log('web API types match docs/openapi.json');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
