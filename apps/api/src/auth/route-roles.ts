import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API_CONTROLLERS } from '../controllers';
import { Access, ACCESS_METADATA } from './access.decorator';

export type { Access } from './access.decorator';

/**
 * Who may call each route, keyed "METHOD /path" (Fastify's route syntax), read from the handlers'
 * `@Access(...)` decorators. A handler without one is left out, so the auth hook (auth.hook.ts, onRequest,
 * before the body is read) denies it; the role-table e2e test calls every route with every role against this.
 * `authenticated` means any active user; object rules (only the assignee, never the author) are
 * enforced by the services.
 */
export function routeAccessTable(controllers: readonly Type[]): Record<string, Access> {
  const table: Record<string, Access> = {};
  for (const controller of controllers) {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue; // not a route handler
      const access = Reflect.getMetadata(ACCESS_METADATA, handler) as Access | undefined;
      if (access === undefined) continue; // deny by default
      for (const p of [prefix ?? ''].flat())
        for (const q of [path].flat()) table[routeKey(RequestMethod[method], joinPath(p, q))] = access;
    }
  }
  return table;
}

/** The table of the api's controllers, built once when the app starts. */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = Object.freeze(routeAccessTable(API_CONTROLLERS));

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

function joinPath(...parts: string[]): string {
  return (
    '/' +
    parts
      .map((s) => s.replace(/^\/+|\/+$/g, ''))
      .filter(Boolean)
      .join('/')
  );
}
