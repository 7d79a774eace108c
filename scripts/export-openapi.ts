// Writes docs/openapi.json from the api's controllers and DTOs (no database or Redis needed): the file clients
// generate from. test/openapi-export.e2e-spec.ts fails when it is stale.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentOffline, openApiJson } from '../apps/api/src/openapi';

async function main(): Promise<void> {
  const out = join(__dirname, '..', 'docs', 'openapi.json');
  const doc = await openApiDocumentOffline();
  writeFileSync(out, openApiJson(doc));
  console.log(`wrote ${out} (${Object.keys(doc.paths).length} paths)`);
}

void main();
