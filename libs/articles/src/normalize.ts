import { createHash } from 'node:crypto';

/** Two uploads are the same article when their bodies match after Unicode and whitespace normalization. */
export function bodyHash(body: string): string {
  const normalized = body.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
