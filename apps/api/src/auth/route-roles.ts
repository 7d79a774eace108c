import type { Role } from '@claimdesk/common';

export type Access = 'public' | 'authenticated' | readonly Role[];

const EDITORS = ['admin', 'editor'] as const;
const ADMIN = ['admin'] as const;
const REVIEWERS = ['admin', 'reviewer'] as const;

/**
 * Who may call each route: the single source of truth for role checks. The auth hook (auth.hook.ts,
 * onRequest, before the body is read) denies any route missing here, and the role-table e2e test calls every route with every role against it.
 * `authenticated` means any active user; object rules (only the assignee, never the author) are
 * enforced by the services.
 */
export const ROUTE_ACCESS: Record<string, Access> = {
  'GET /health': 'public',

  'GET /v1/me': 'authenticated',
  'POST /v1/me/token': 'authenticated',
  'GET /v1/me/assignments': REVIEWERS,

  'POST /v1/users': ADMIN,
  'GET /v1/users': EDITORS,
  'GET /v1/users/:id': EDITORS,
  'PATCH /v1/users/:id': ADMIN,
  'POST /v1/users/:id/token': ADMIN,
  'POST /v1/users/:id/token/revoke': ADMIN,

  'POST /v1/articles': EDITORS,
  'GET /v1/articles': 'authenticated',
  'GET /v1/articles/:id': 'authenticated',

  'GET /v1/claims': 'authenticated',
  'POST /v1/claims/next': ['reviewer'],
  'POST /v1/claims/bulk/queue': EDITORS,
  'POST /v1/claims/bulk/dismiss': EDITORS,
  'POST /v1/claims/bulk/assign': EDITORS,
  'GET /v1/claims/:id': 'authenticated',
  'GET /v1/claims/:id/events': 'authenticated',
  'GET /v1/claims/:id/assignments': 'authenticated',
  'GET /v1/claims/:id/verdicts': 'authenticated',
  'GET /v1/claims/:id/claimreview': 'authenticated',
  'POST /v1/claims/:id/queue': EDITORS,
  'POST /v1/claims/:id/dismiss': EDITORS,
  'POST /v1/claims/:id/assign': EDITORS,
  'POST /v1/claims/:id/unassign': EDITORS,
  // Only the assignee works a claim, and only reviewers are assigned: admins steer through assignment.
  'POST /v1/claims/:id/start': ['reviewer'],
  'POST /v1/claims/:id/verdicts': ['reviewer'],
  'POST /v1/claims/:id/corrections': EDITORS,

  'GET /v1/verdicts/:id': 'authenticated',
  'POST /v1/verdicts/:id/approve': EDITORS,
  'POST /v1/verdicts/:id/reject': EDITORS,
};

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}
