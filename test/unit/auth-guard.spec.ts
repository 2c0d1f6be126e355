import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AuthGuard } from '../../server/src/auth/auth.guard.js';
import { AdminOnly, Public, SignedIn } from '../../server/src/common/auth/policy.js';
import type { SessionPerson, SessionState } from '../../server/src/common/auth/request-auth.js';
import { Rights } from '../../server/src/common/auth/rights.js';
import type { RightsService } from '../../server/src/delegations/rights.service.js';
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
};

function guard(signedIn: boolean): AuthGuard {
  const sessions = {
    resolve: async () => (signedIn ? session : undefined),
    csrfMatches: (s: SessionState | undefined, submitted: unknown) => s?.csrfToken === submitted,
  } as unknown as SessionsService;
  const rights = { forPerson: async () => new Rights('p1', false, [], []) } as unknown as RightsService;
  return new AuthGuard(new Reflector(), sessions, rights);
}

function context(
  target: object,
  handler: (...args: never[]) => unknown,
  method = 'GET',
  csrf?: string,
): ExecutionContext {
  const req = { method, headers: csrf ? { 'x-csrf-token': csrf } : {}, path: '/x' } as unknown as Request;
  return {
    getType: () => 'http',
    getHandler: () => handler,
    getClass: () => target,
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) as Response }),
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
});
