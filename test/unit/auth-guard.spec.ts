import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AuthGuard } from '../../server/src/auth/auth.guard.js';
import { RightsCache } from '../../server/src/auth/rights-cache.js';
import type { ApiClientsService, ClientCheck } from '../../server/src/api-clients/api-clients.service.js';
import { AdminOnly, ClientScope, Public, SignedIn } from '../../server/src/common/auth/policy.js';
import type { SessionPerson, SessionState } from '../../server/src/common/auth/request-auth.js';
import { Rights } from '../../server/src/common/auth/rights.js';
import type { RightsSubject, VersionedRights } from '../../server/src/delegations/rights.service.js';
import type { SessionsService } from '../../server/src/auth/sessions.service.js';
import { ProblemException } from '../../server/src/common/problem.js';

class Forgotten {
  handler(): void {}
}

@SignedIn()
class Guarded {
  read(): void {}
  @AdminOnly() write(): void {}
  @Public() open(): void {}
  @ClientScope('orders:read') orders(): void {}
  @ClientScope('holdings:read') holdings(): void {}
}

const person: SessionPerson = {
  id: 'p1',
  userId: 'nilbo4',
  hsaId: 'SE2321000131-P000000000104',
  firstName: 'Nils',
  lastName: 'Boström',
  title: null,
  email: null,
  isAdministrator: false,
};
const session: SessionState = {
  id: 'h',
  csrfToken: 'token',
  person,
  createdAt: new Date(),
  lastSeenAt: new Date(),
  expiresAt: new Date(),
  rightsVersion: '7',
};

const client: ClientCheck = { ok: true, client: { id: 'c1', name: 'Rapport', scopes: ['orders:read'] } };

/** The guard over stand-in sessions and clients; `derived` counts the rights it asked for, `resolved` the sessions. */
function guard(signedIn: boolean, derived = { count: 0, resolved: 0 }): AuthGuard {
  const sessions = {
    resolve: async () => {
      derived.resolved++;
      return signedIn ? session : undefined;
    },
    csrfMatches: (s: SessionState | undefined, submitted: unknown) => s?.csrfToken === submitted,
    rightsOf: async () => {
      derived.count++;
      return new Rights('p1', false, [], []);
    },
  } as unknown as SessionsService;
  const clients = {
    authenticate: async (token: string): Promise<ClientCheck> =>
      token === 'good' ? client : { ok: false, reason: token === 'old' ? 'revoked' : 'invalid' },
    recordCall: () => undefined,
  } as unknown as ApiClientsService;
  return new AuthGuard(new Reflector(), sessions, clients);
}

function context(
  target: object,
  handler: (...args: never[]) => unknown,
  method = 'GET',
  csrf?: string,
  authorization?: string,
): ExecutionContext {
  const headers = {
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
    ...(authorization ? { authorization } : {}),
  };
  const req = { method, headers, path: '/x', originalUrl: '/x' } as unknown as Request;
  const res = { setHeader: () => undefined, once: () => undefined, statusCode: 200 } as unknown as Response;
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => target,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
}

async function status(promise: Promise<boolean>): Promise<number> {
  try {
    return (await promise) ? 200 : 403;
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
}

describe('AuthGuard', () => {
  it('refuses a route that names no policy, even for a signed-in person', async () => {
    expect(await status(guard(true).canActivate(context(Forgotten, Forgotten.prototype.handler)))).toBe(403);
  });

  it('lets a method policy override its controller’s', async () => {
    const g = guard(true);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.read)))).toBe(200);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.write)))).toBe(403);
    expect(await status(guard(false).canActivate(context(Guarded, Guarded.prototype.open)))).toBe(200);
    expect(await status(guard(false).canActivate(context(Guarded, Guarded.prototype.read)))).toBe(401);
  });

  it('checks the CSRF token before anything else on state-changing requests', async () => {
    const g = guard(true);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.open, 'POST')))).toBe(403);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.open, 'POST', 'token')))).toBe(200);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.open, 'DELETE', 'wrong')))).toBe(
      403,
    );
  });

  it('lets an API client call only the GET routes of its scopes, without reading any session', async () => {
    const derived = { count: 0, resolved: 0 };
    const g = guard(true, derived);
    const as = (handler: () => void, authorization: string, method = 'GET') =>
      status(g.canActivate(context(Guarded, handler, method, undefined, authorization)));
    expect(await as(Guarded.prototype.orders, 'Bearer good')).toBe(200);
    expect(await as(Guarded.prototype.holdings, 'Bearer good')).toBe(403);
    expect(await as(Guarded.prototype.read, 'Bearer good')).toBe(403);
    expect(await as(Guarded.prototype.open, 'Bearer good')).toBe(403);
    expect(await as(Guarded.prototype.orders, 'Bearer good', 'POST')).toBe(403);
    expect(await as(Guarded.prototype.orders, 'Bearer bad')).toBe(401);
    expect(await as(Guarded.prototype.orders, 'Bearer old')).toBe(401);
    expect(await as(Guarded.prototype.orders, 'Bearer')).toBe(401);
    expect(derived).toEqual({ count: 0, resolved: 0 });
    // Another scheme is no client's: the request is a browser's, with its session.
    expect(await as(Guarded.prototype.read, 'Basic good')).toBe(200);
    expect(derived).toEqual({ count: 1, resolved: 1 });
  });

  it('asks for the rights once for a guarded route and not at all for a public one', async () => {
    const derived = { count: 0, resolved: 0 };
    const g = guard(true, derived);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.read)))).toBe(200);
    expect(derived.count).toBe(1);
    expect(await status(g.canActivate(context(Guarded, Guarded.prototype.open)))).toBe(200);
    expect(derived.count).toBe(1);
  });
});

describe('RightsCache', () => {
  /** A cache over a stand-in derivation that answers with version `db.version` and counts calls. */
  function cache(capacity?: number) {
    const db = { version: '7', calls: 0, fail: false };
    const derive = async (subject: RightsSubject, today: string): Promise<VersionedRights> => {
      db.calls++;
      const version = db.version;
      if (db.fail) throw new Error('database down');
      await new Promise<void>((resolve) => setImmediate(resolve));
      return { rights: new Rights(subject.id, subject.isAdministrator, [], []), version, today };
    };
    return { db, rights: new RightsCache(derive, capacity) };
  }
  const today = '2026-03-02';

  it('derives once while the version, the day and the person are unchanged', async () => {
    const { db, rights } = cache();
    const first = await rights.rightsOf('s1', person, '7', today);
    expect(await rights.rightsOf('s1', person, '7', today)).toBe(first);
    expect(db.calls).toBe(1);
  });

  it('derives again when the version, the day, the administrator flag or the VGR-ID differ', async () => {
    const { db, rights } = cache();
    await rights.rightsOf('s1', person, '7', today);
    db.version = '9';
    await rights.rightsOf('s1', person, '9', today);
    expect(db.calls).toBe(2);
    await rights.rightsOf('s1', person, '9', '2026-03-03');
    expect(db.calls).toBe(3);
    const admin = await rights.rightsOf('s1', { ...person, isAdministrator: true }, '9', '2026-03-03');
    expect(admin.administrator).toBe(true);
    expect(db.calls).toBe(4);
    await rights.rightsOf('s1', { ...person, isAdministrator: true, userId: 'other1' }, '9', '2026-03-03');
    expect(db.calls).toBe(5);
  });

  it('keeps the version the derivation read, not the older one the session read', async () => {
    const { db, rights } = cache();
    db.version = '8';
    await rights.rightsOf('s1', person, '7', today);
    await rights.rightsOf('s1', person, '7', today);
    expect(db.calls).toBe(2);
    await rights.rightsOf('s1', person, '8', today);
    expect(db.calls).toBe(2);
  });

  it('always derives for a session of unknown version, and keeps the result', async () => {
    const { db, rights } = cache();
    await rights.rightsOf('s1', person, undefined, today);
    await rights.rightsOf('s1', person, undefined, today);
    expect(db.calls).toBe(2);
    await rights.rightsOf('s1', person, '7', today);
    expect(db.calls).toBe(2);
  });

  it('lets two requests of one session that miss together share one derivation', async () => {
    const { db, rights } = cache();
    const [a, b] = await Promise.all([
      rights.rightsOf('s1', person, '7', today),
      rights.rightsOf('s1', person, '7', today),
    ]);
    expect(a).toBe(b);
    expect(db.calls).toBe(1);
  });

  it('keeps no failed derivation', async () => {
    const { db, rights } = cache();
    db.fail = true;
    await expect(rights.rightsOf('s1', person, '7', today)).rejects.toThrow('database down');
    expect(rights.size).toBe(0);
    db.fail = false;
    await rights.rightsOf('s1', person, '7', today);
    expect(db.calls).toBe(2);
  });

  it('forgets a session on request, and the least recently used beyond its capacity', async () => {
    const { db, rights } = cache(2);
    await rights.rightsOf('s1', person, '7', today);
    await rights.rightsOf('s2', person, '7', today);
    await rights.rightsOf('s1', person, '7', today); // s1 used last: s2 goes first
    await rights.rightsOf('s3', person, '7', today);
    expect(rights.size).toBe(2);
    expect(db.calls).toBe(3);
    await rights.rightsOf('s1', person, '7', today);
    expect(db.calls).toBe(3);
    await rights.rightsOf('s2', person, '7', today);
    expect(db.calls).toBe(4);
    rights.forget('s2');
    await rights.rightsOf('s2', person, '7', today);
    expect(db.calls).toBe(5);
  });
});
