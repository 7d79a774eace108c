export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an authenticated user, or the system (workers, sweeper). */
export interface Actor {
  id: string | null;
  role: Role | 'system';
  /**
   * SHA-256 of the bearer token the request came with: a state change checks, in its transaction, that it is
   * still the user's token (not revoked or rotated since the request began). Absent for the CLI and the system.
   */
  tokenHash?: string;
  /** SHA-256 of the console session's token, for the same re-check when the request came with a cookie. */
  sessionHash?: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'system' };
