import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in for the web console: a scrypt password hash and a one-time invite (stored hashed, with an expiry) on
 * the user; cookie sessions stored server-side (only the SHA-256 of the session token), each with an expiry.
 */
export class SignIn1765400000000 implements MigrationInterface {
  name = 'SignIn1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN password_hash text, ADD COLUMN invite_hash text, ADD COLUMN invite_expires_at timestamptz`,
    );
    await q.query(`CREATE UNIQUE INDEX users_invite_hash ON users (invite_hash) WHERE invite_hash IS NOT NULL`);
    await q.query(`
      CREATE TABLE sessions (
        id_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX sessions_user_id ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
    await q.query(
      `ALTER TABLE users DROP COLUMN password_hash, DROP COLUMN invite_hash, DROP COLUMN invite_expires_at`,
    );
  }
}
