import { type CanActivate, type ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { performance } from 'node:perf_hooks';
import { ApiClientsService } from '../api-clients/api-clients.service.js';
import { ProblemException } from '../common/problem.js';
import {
  AUDITOR_READ_KEY,
  CLIENT_SCOPE_KEY,
  type ClientScopeName,
  CSRF_EXEMPT_KEY,
  POLICY_KEY,
  type Policy,
} from '../common/auth/policy.js';
import { type ApiClientIdentity, authOf, forbidden, notSignedIn } from '../common/auth/request-auth.js';
import { SessionsService } from './sessions.service.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const CLIENT_REFUSALS = {
  invalid: 'API-nyckeln är ogiltig.',
  revoked: 'API-klienten är återkallad.',
  expired: 'API-klientens giltighetstid har gått ut.',
} as const;

/**
 * The one gate in front of every route (registered as APP_GUARD). A request is either a
 * browser's or an API client's:
 *
 * - with `Authorization: Bearer <token>` it is an API client's: the token is checked (one query;
 *   no session, no cookie, no CSRF), and the client may call only a GET route whose
 *   `@ClientScope` it holds; every other route is refused (403), whatever its policy. Each call of
 *   a known client is recorded in the audit log under its name when the answer is done;
 * - otherwise it loads the session, checks the CSRF token of every state-changing request, then
 *   applies the route's policy with the signed-in person's rights (derived at most once per
 *   request, kept per session: SessionsService.rightsOf); an auditor may also read a GET route
 *   marked `@AuditorReads`, region-wide.
 *
 * A route without a policy is refused: access must be granted on purpose, never by omission.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly clients: ApiClientsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, targets);

    // Only the Bearer scheme: another (a proxy's Basic in front of a test site) is no client's.
    if (/^Bearer(\s|$)/i.test(req.headers.authorization ?? '')) {
      const scope = this.reflector.getAllAndOverride<ClientScopeName | undefined>(CLIENT_SCOPE_KEY, targets);
      return this.admitClient(req, res, scope);
    }

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
    // An auditor who has no other role changes nothing, whatever the route's policy would allow
    // a signed-in person (deny by default: the role adds reads, never a write).
    if (rights.readOnly && !SAFE_METHODS.has(req.method)) {
      throw forbidden('Revisorer kan bara läsa, inte ändra något.');
    }
    // An auditor reads the GET routes marked for auditors, whatever their policy, region-wide
    // (CurrentReader); every other route, and every other method, answers by the policy alone.
    if (
      rights.auditor &&
      (req.method === 'GET' || req.method === 'HEAD') &&
      this.reflector.getAllAndOverride<boolean | undefined>(AUDITOR_READ_KEY, targets) === true
    ) {
      auth.auditorReading = true;
      return true;
    }
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

  /**
   * An API client's request: the session cookie, if any, is not even read (a client has none, and
   * a token must not borrow a browser's session), so neither is a CSRF token needed: a page of
   * another site cannot make a browser send this header without CORS allowing it.
   */
  private async admitClient(
    req: Request,
    res: Response,
    scope: ClientScopeName | undefined,
  ): Promise<boolean> {
    const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
    const check = match
      ? await this.clients.authenticate(match[1])
      : ({ ok: false, reason: 'invalid' } as const);
    if (!check.ok) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="BEH", error="invalid_token"');
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'invalid-token', CLIENT_REFUSALS[check.reason]);
    }
    const client = check.client;
    authOf(req).client = client;
    this.recordWhenDone(req, res, client);
    // Clients only read: a scope on a route of another method would be a mistake, refused here too.
    if (scope === undefined || req.method !== 'GET') {
      throw forbidden('API-klienter får inte anropa detta.');
    }
    if (!client.scopes.includes(scope)) {
      throw forbidden(`API-klienten saknar behörigheten ${scope}.`);
    }
    return true;
  }

  /** Every call of a client is audited under its name, with the status it got (refusals too). */
  private recordWhenDone(req: Request, res: Response, client: ApiClientIdentity): void {
    const started = performance.now();
    const path = req.originalUrl.split('?')[0];
    const route = (req.route as { path?: string } | undefined)?.path ?? null;
    res.once('close', () => {
      this.clients.recordCall(client, {
        method: req.method,
        route,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        aborted: !res.writableFinished,
      });
    });
  }
}
