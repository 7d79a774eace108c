import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DESIGN.md: features never use each other's tables. Each table belongs to the lib that declares its
 * entity; no other lib's code (migrations aside) names it in SQL or reaches its entity's repository.
 */
const OWNERS: Record<string, { tables: string[]; entities: string[] }> = {
  users: { tables: ['users', 'sessions'], entities: ['User', 'Session'] },
  articles: { tables: ['articles'], entities: ['Article'] },
  claims: { tables: ['claims', 'claim_events', 'claim_matches'], entities: ['Claim', 'ClaimEvent', 'ClaimMatch'] },
  review: { tables: ['assignments', 'verdicts'], entities: ['Assignment', 'Verdict'] },
  sources: {
    tables: ['sources', 'source_items', 'source_fetches', 'source_events'],
    entities: ['\0source', '\0item', '\0fetch', '\0event'],
  },
  webhooks: { tables: ['webhooks', 'webhook_events', 'webhook_deliveries', 'webhook_attempts'], entities: [] },
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** SQL naming the table (FROM, JOIN, INTO, UPDATE, TABLE) or TypeORM reaching the entity's rows. */
export function usesOf(code: string, table: string, entity: string): string[] {
  const patterns = [
    new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+"?${table}"?\\b`, 'gi'),
    new RegExp(
      `\\b(?:getRepository|InjectRepository|into|update|insert|delete|from|forFeature)\\(\\s*\\[?[^)]*\\b${entity}\\b`,
      'g',
    ),
  ];
  return patterns.flatMap((p) => code.match(p) ?? []);
}

describe('each feature keeps its tables to itself', () => {
  const libs = Object.keys(OWNERS).concat(['common', 'config', 'database', 'queue', 'extraction', 'matching']);

  it.each(libs)('libs/%s uses no other feature’s table', (lib) => {
    const found: string[] = [];
    for (const file of sources(join(__dirname, lib, 'src'))) {
      const code = readFileSync(file, 'utf8');
      for (const [owner, { tables, entities }] of Object.entries(OWNERS)) {
        if (owner === lib) continue;
        tables.forEach((t, i) => found.push(...usesOf(code, t, entities[i] ?? '\0').map((u) => `${file}: ${u}`)));
        entities.slice(tables.length).forEach((e) => found.push(...usesOf(code, '\0', e).map((u) => `${file}: ${u}`)));
      }
    }
    expect(found).toEqual([]);
  });

  it('catches a query on another feature’s table (the check can fail)', () => {
    expect(usesOf(`SELECT 1 FROM assignments WHERE claim_id = $1`, 'assignments', 'Assignment')).toHaveLength(1);
    expect(usesOf(`em.getRepository(Assignment).findOne()`, 'assignments', 'Assignment')).toHaveLength(1);
    expect(usesOf(`JOIN "claim_events" e ON`, 'claim_events', 'ClaimEvent')).toHaveLength(1);
    expect(usesOf(`the claims of an article`, 'claims', 'Claim')).toEqual([]);
  });
});
