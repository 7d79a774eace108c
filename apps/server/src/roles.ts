export const ROLES = ['api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

/** `ROLES=api,worker` (the default), `api` or `worker`: what this process runs. */
export function parseRoles(setting: string): Set<Role> {
  const roles = new Set<Role>();
  for (const part of setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(ROLES as readonly string[]).includes(part))
      throw new Error(`ROLES: unknown role "${part}" (known: ${ROLES.join(', ')})`);
    roles.add(part as Role);
  }
  if (!roles.size) throw new Error(`ROLES: name at least one of ${ROLES.join(', ')}`);
  return roles;
}
