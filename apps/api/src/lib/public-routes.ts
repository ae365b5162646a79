import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

// Which routes anyone may call without signing in. There is one declaration: an operation whose
// createRoute says `security: []` (its OpenAPI document says the same to every client). The auth
// middleware reads this list, built once from the app's own route registry, so a route is public
// because it says so, never because its path happens to start like another public one.

export interface PublicRoute {
  method: string;
  path: string;
  pattern: RegExp;
}

type Definition = { type: string; route?: { method: string; path: string; security?: unknown[] } };

/** `/v1/sign/{token}/copy.pdf` → a pattern matching one path segment per parameter. */
const toPattern = (path: string) =>
  new RegExp(
    `^${path
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );

export function publicRoutesOf(app: OpenAPIHono<AppEnv>): PublicRoute[] {
  return (app.openAPIRegistry.definitions as Definition[])
    .filter(
      (d) =>
        d.type === 'route' && d.route && Array.isArray(d.route.security) && d.route.security.length === 0,
    )
    .map((d) => ({
      method: d.route!.method.toUpperCase(),
      path: d.route!.path,
      pattern: toPattern(d.route!.path),
    }));
}

export function isPublicRoute(routes: readonly PublicRoute[], method: string, path: string): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return routes.some((r) => r.method === m && r.pattern.test(path));
}
