import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const started = new WeakMap<Request, bigint>();

/**
 * Gives every response an id (kept from the caller when sane, else a new uuid) in `X-Request-Id`
 * and notes when the request arrived. The first middleware of all, so that it covers the static
 * UI as well as the API; the request's log line (observability/logging.ts) and latency metric
 * read both from here.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  started.set(req, process.hrtime.bigint());
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  req.headers['x-request-id'] = id;
  res.setHeader('X-Request-Id', id);
  next();
}

/** Milliseconds since the request arrived (to the microsecond), or 0 if requestId did not see it. */
export function requestMs(req: Request): number {
  const start = started.get(req);
  return start === undefined ? 0 : Number((process.hrtime.bigint() - start) / 1000n) / 1000;
}

/**
 * The route pattern a request matched (`/api/persons/:id`), never its URL: a URL carries query
 * strings and path values (personnummer, search words) that have no place in logs or metric
 * labels. Requests no API route matched are `(ui)` (the static UI, the signing window, /mail)
 * or `(unmatched)` (a 404 under /api), so that the set of values stays small.
 */
export function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  // A catch-all (`/api*path`, the API's 404 for any other path) names no route.
  if (typeof pattern === 'string' && !pattern.includes('*')) return (req.baseUrl ?? '') + pattern;
  const path = req.originalUrl ?? req.url ?? '';
  if (path === '/metrics' || path.startsWith('/metrics?')) return '/metrics';
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/api?') ? '(unmatched)' : '(ui)';
}
