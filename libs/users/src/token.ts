import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits; the prefix lets secret scanners recognise a leaked claimdesk token. */
export function newToken(): string {
  return `cdk_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as this hash: a database leak reveals no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
