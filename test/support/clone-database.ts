import { Client } from 'pg';

/** A new database `name` cloned from this run's migrated template (CREATE DATABASE ... TEMPLATE, about 100 ms). */
export async function cloneTemplate(name: string): Promise<string> {
  const admin = new URL(process.env.CLAIMDESK_TEST_TEMPLATE_URL!);
  const template = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(name);
}

/** The URL of one of this run's databases. */
export function databaseUrl(name: string): string {
  const url = new URL(process.env.CLAIMDESK_TEST_TEMPLATE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
