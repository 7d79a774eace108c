export const ROLES = ['admin', 'editor', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an authenticated user, or the system (workers, sweeper). */
export interface Actor {
  id: string | null;
  role: Role | 'system';
}

export const SYSTEM_ACTOR: Actor = { id: null, role: 'system' };
