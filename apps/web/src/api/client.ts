import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type User = Schemas['UserResponse'];
export type Claim = Schemas['ClaimResponse'];
export type ClaimDetail = Schemas['ClaimDetailResponse'];
export type ClaimEvent = Schemas['ClaimEventResponse'];
export type Verdict = Schemas['VerdictResponse'];
export type ErrorBody = Schemas['ErrorResponse'];

/** An API error answer, with its status and the one error shape of API.md. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

export function csrfToken(): string {
  const m = /(?:^|;\s*)cd_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]) : '';
}

/** Cookie session: the browser sends cd_session; state changes add X-CSRF-Token (double submit, checked server-side). */
const csrf: Middleware = {
  onRequest({ request }) {
    if (!['GET', 'HEAD'].includes(request.method)) request.headers.set('x-csrf-token', csrfToken());
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', cache: 'no-cache' });
api.use(csrf);

/** Unwraps an openapi-fetch result: the data, or an ApiError. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) throw new ApiError(response.status, (error as ErrorBody) ?? null);
  return data as T;
}

/** Human words for an error: 403 and 404 say what they mean, never a blank page. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'Your session has ended. Sign in again.';
    if (err.status === 403) return `You do not have access to this. ${err.body?.message ?? ''}`.trim();
    if (err.status === 404) return 'Not found, or not visible to you.';
    if (err.status === 429) return 'Too many attempts. Wait a moment and try again.';
    const details = err.body?.details?.map((d) => `${d.field}: ${d.message}`).join('; ');
    return details ? `${err.message} (${details})` : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Every page of a list (cursor pagination), up to `max` items: the console's boards show the whole list. */
export async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | null }>,
  max = 1000,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    items.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}
