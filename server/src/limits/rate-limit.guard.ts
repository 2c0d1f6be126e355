import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
// Deep, on purpose: the package's index loads its module and guard, which require() the ESM-only
// @nestjs/common 12 (fine for Node, not for jest's VM modules); this file requires only node:net.
import { normalizeIp } from '@nestjs/throttler/dist/ip.js';
import type { Request, Response } from 'express';
import { authOf, type SessionState } from '../common/auth/request-auth.js';
import { ProblemException } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { formatDuration, formatWindow, type RateWindow } from '../config/limits.config.js';
import { limitOfRoute, type NamedLimit } from './limited-routes.js';
import { type Hit, PgThrottlerStorage } from './pg-throttler-storage.js';

interface LimitedRoute {
  limit: NamedLimit;
  windows: { prefix: string; window: RateWindow }[];
}

/** An IPv6 client is counted by its /64, as @nestjs/throttler does: one host holds a whole one. */
const IPV6_PREFIX = 64;

/**
 * The rate limits (registered as APP_GUARD after the AuthGuard, so the signed-in person is known):
 * a route named in limited-routes.ts is counted in each window of its limit, per client address or
 * per signed-in person, in one statement (PgThrottlerStorage, shared by every instance); over any
 * window it is refused with a Swedish 429 problem and `Retry-After`. Every other route costs one
 * Map lookup. The limits are in one table rather than in @Throttle decorators on the controllers,
 * and this guard stands in for @nestjs/throttler's ThrottlerGuard, which reads every throttler's
 * metadata and counts each throttler in a statement of its own on every route; the storage is the
 * library's ThrottlerStorage interface.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimits');
  /** By `METHOD /path/:pattern`: the route's limit, or null; filled as routes are first called. */
  private readonly routes = new Map<string, LimitedRoute | null>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: PgThrottlerStorage,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const path: unknown = req.route?.path;
    if (typeof path !== 'string') return true;
    const route = this.limitedRoute(req.method, path);
    if (!route) return true;

    const who = this.counted(req, route.limit);
    const hits: Hit[] = route.windows.map(({ prefix, window }) => ({
      key: `${prefix}${who}`,
      ttl: window.seconds * 1000,
      limit: window.limit,
      blockDuration: 0,
    }));
    const records = await this.storage.incrementAll(hits);

    let retryAfter = 0;
    records.forEach((record, i) => {
      if (!record.isBlocked) return;
      retryAfter = Math.max(retryAfter, record.timeToBlockExpire);
      // Once per window that is run through, not at every refusal after it.
      if (record.totalHits === hits[i].limit + 1) {
        this.logger.warn(
          `Rate limit ${route.limit.code} ${formatWindow(route.windows[i].window)} reached by ${who}`,
        );
      }
    });
    if (retryAfter === 0) return true;

    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new ProblemException(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate-limited',
      `${route.limit.refusal} Försök igen om ${inSwedish(retryAfter)}.`,
      { limit: route.limit.code, retryAfter },
    );
  }

  private limitedRoute(method: string, path: string): LimitedRoute | null {
    const known = this.routes.get(`${method} ${path}`);
    if (known !== undefined) return known;
    const limit = limitOfRoute(method, path);
    const route = limit
      ? {
          limit,
          windows: this.config.limits[limit.name].map((window) => ({
            // By the window's length alone: a changed count goes on counting the same hits.
            prefix: `${limit.code}/${formatDuration(window.seconds)}:`,
            window,
          })),
        }
      : null;
    this.routes.set(`${method} ${path}`, route);
    return route;
  }

  /**
   * For a per-person limit the signed-in person, or the API client calling with its token (each
   * client is counted as one); for a per-address limit, or a caller who is neither, the address.
   */
  private counted(req: Request, limit: NamedLimit): string {
    if (limit.counted === 'user') {
      const auth: { session?: SessionState; client?: { id: string } } = authOf(req);
      if (auth.session?.person) return `user:${auth.session.person.id}`;
      if (auth.client) return `client:${auth.client.id}`;
    }
    return `ip:${normalizeIp(req.ip ?? '', IPV6_PREFIX) ?? ''}`;
  }
}

/** 42 → "42 sekunder", 600 → "10 minuter": how long until the limit lets the caller in again. */
export function inSwedish(seconds: number): string {
  if (seconds < 120) return seconds === 1 ? '1 sekund' : `${seconds} sekunder`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} minuter`;
  return `${Math.ceil(seconds / 3600)} timmar`;
}
