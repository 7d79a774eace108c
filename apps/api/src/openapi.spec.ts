import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentOffline, openApiJson } from './openapi';
import { ROUTE_ACCESS } from './auth/route-roles';

describe('docs/openapi.json', () => {
  it('matches the document built from the controllers now (run `npm run openapi:export` when this fails)', async () => {
    const fresh = openApiJson(await openApiDocumentOffline());
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(fresh));
  });

  it('marks exactly the non-public routes with bearer security', async () => {
    const doc = await openApiDocumentOffline();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, { security?: unknown[] }>)) {
        const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        expect([key, Boolean(op.security?.length)]).toEqual([key, ROUTE_ACCESS[key] !== 'public']);
      }
    }
  });
});
