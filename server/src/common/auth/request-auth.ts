import { createParamDecorator, type ExecutionContext, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../problem.js';
import type { ClientScopeName } from './policy.js';
import { Rights } from './rights.js';

/** The signed-in person as the session knows them (from the directory at request time). */
export interface SessionPerson {
  id: string;
  userId: string;
  hsaId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  isAdministrator: boolean;
}

export interface SessionState {
  /** SHA-256 of the cookie token: the row's id. */
  id: string;
  csrfToken: string;
  person: SessionPerson | undefined;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /**
   * The person's rights version, read with the session (delegations' rightsVersionSql): the
   * cached rights of the session are used only while it is unchanged. Undefined for a session
   * made by this very request.
   */
  rightsVersion: string | undefined;
}

/** An API client that called with a valid bearer token (api-clients module). */
export interface ApiClientIdentity {
  id: string;
  name: string;
  scopes: readonly ClientScopeName[];
}

/** What the AuthGuard learnt about a request, for the controllers behind it. */
export interface RequestAuth {
  session: SessionState | undefined;
  rights: Rights | undefined;
  /** Set instead of a session when the request came with `Authorization: Bearer`. */
  client: ApiClientIdentity | undefined;
  /**
   * The signed-in person is an auditor reading a route marked `@AuditorReads` (a GET): the
   * guard sets it, and `CurrentReader` then reads region-wide.
   */
  auditorReading?: boolean;
}

// Kept beside the request rather than on it, so no property of express's Request is redefined.
const byRequest = new WeakMap<Request, RequestAuth>();

export function authOf(req: Request): RequestAuth {
  let auth = byRequest.get(req);
  if (!auth) {
    auth = { session: undefined, rights: undefined, client: undefined, auditorReading: false };
    byRequest.set(req, auth);
  }
  return auth;
}

/** The signed-in person and their derived rights: who is acting. */
export interface Actor {
  person: SessionPerson;
  rights: Rights;
}

export const notSignedIn = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'unauthenticated',
    'Du är inte inloggad eller så har sessionen gått ut.',
  );

export const forbidden = (detail = 'Du har inte behörighet till detta.') =>
  new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail);

export function actorOf(req: Request): Actor {
  const { session, rights } = authOf(req);
  if (!session?.person || !rights) throw notSignedIn();
  return { person: session.person, rights };
}

/** Parameter decorator: the acting person of a signed-in route. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  actorOf(ctx.switchToHttp().getRequest<Request>()),
);

/**
 * The reader of a route open to API clients (`@ClientScope`): the signed-in person, or for a
 * client a reader of the whole region that is nobody. The guard lets a client reach only GET
 * routes naming one of its scopes, so this reader only ever reads: its person is the client
 * itself (an id no person has, so "mine" is empty and it is never an order's orderer, end user or
 * attestant) and its rights are an administrator's reading (all units; administrators get no
 * order, attest or delegation rights from that: rule 28), which is what reporting needs.
 *
 * An auditor on a route marked `@AuditorReads` (the guard admitted them as one) reads the same
 * way, as themselves: their own person (so "mine" stays theirs, and a protected identity stays
 * hidden unless they are an administrator) with their rights reading region-wide.
 */
export function readerOf(req: Request): Actor {
  const { client, auditorReading } = authOf(req);
  if (!client) {
    const actor = actorOf(req);
    return auditorReading ? { person: actor.person, rights: actor.rights.readingRegionWide() } : actor;
  }
  return {
    person: {
      id: client.id,
      userId: `api:${client.name}`,
      hsaId: '',
      firstName: client.name,
      lastName: '(API-klient)',
      title: null,
      email: null,
      isAdministrator: false,
    },
    rights: new Rights(client.id, true, [], []),
  };
}

/** Parameter decorator: the reader of a route open to API clients (see readerOf). */
export const CurrentReader = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor =>
  readerOf(ctx.switchToHttp().getRequest<Request>()),
);
