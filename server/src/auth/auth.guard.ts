import { type CanActivate, type ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ProblemException } from '../common/problem.js';
import { CSRF_EXEMPT_KEY, POLICY_KEY, type Policy } from '../common/auth/policy.js';
import { authOf, forbidden, notSignedIn } from '../common/auth/request-auth.js';
import { SessionsService } from './sessions.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate in front of every route (registered as APP_GUARD): loads the session, checks the
 * CSRF token of every state-changing request, then applies the route's policy with the signed-in
 * person's rights (derived at most once per request, kept per session: SessionsService.rightsOf).
 * A route without a policy is refused: access must be granted on purpose, never by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, targets);
    const csrfExempt =
      this.reflector.getAllAndOverride<boolean | undefined>(CSRF_EXEMPT_KEY, targets) === true;

    const auth = authOf(req);
    auth.session = await this.sessions.resolve(req, res);

    if (!SAFE_METHODS.has(req.method) && !csrfExempt) {
      if (!this.sessions.csrfMatches(auth.session, req.headers['x-csrf-token'])) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'csrf',
          'Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.',
        );
      }
    }

    if (policy === undefined) {
      this.logger.error(`${req.method} ${req.route?.path ?? req.path} has no access policy and is refused`);
      throw forbidden();
    }
    if (policy === 'public') return true;

    const session = auth.session;
    if (!session?.person) throw notSignedIn();
    // Once per request, and from the session's cache while nothing they derive from has changed.
    const rights = await this.sessions.rightsOf({ ...session, person: session.person });
    auth.rights = rights;
    switch (policy) {
      case 'signedIn':
        return true;
      case 'rightsHolder':
        if (rights.holdsRights) return true;
        throw forbidden('Du behöver vara administratör, verksamhetschef eller ha en aktiv delegering.');
      case 'delegator':
        if (rights.mayDelegate) return true;
        throw forbidden('Endast verksamhetschefer och administratörer kan hantera delegeringar.');
      case 'administrator':
        if (rights.administrator) return true;
        throw forbidden('Endast administratörer får göra detta.');
    }
  }
}
