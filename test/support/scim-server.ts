import express from 'express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { listenBelowEphemeral } from './stable-port.js';

/**
 * A real SCIM 2.0 service provider for tests (RFC 7643/7644): the `scimmy` library's User and
 * Group resources served by `scimmy-routers` on express, over an in-memory store kept here
 * through scimmy's ingress/egress/degress handlers. Filtering, PATCH (add/remove members with
 * value paths), list responses and errors are scimmy's, not this file's. It requires a Bearer
 * token, can be stopped and started again on the same port (an outage), and logs every request
 * so tests can tell what a client asked for, not only what the store ends up holding.
 */

export interface ScimMember {
  value: string;
  display?: string;
  type?: string;
}

export interface ScimUserRecord {
  id: string;
  userName: string;
  externalId?: string;
  active?: boolean;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  [key: string]: unknown;
}

export interface ScimGroupRecord {
  id: string;
  displayName: string;
  members: ScimMember[];
  [key: string]: unknown;
}

export interface ScimRequestLog {
  method: string;
  /** Path below the base URL, e.g. `/Groups/…`. */
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  authorization: string | undefined;
  status?: number;
}

interface Store {
  users: Map<string, ScimUserRecord>;
  groups: Map<string, ScimGroupRecord>;
  meta: Map<string, { created: Date; lastModified: Date }>;
}

/** The request's store, handed to scimmy's handlers as their context. */
type Ctx = Store;

/* scimmy is a singleton: its resources' handlers are declared once per module instance and find
   each server's own store through the request context. */
let declared = false;

function plain<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function withMeta<T extends { id: string }>(store: Store, record: T): T & { meta: object } {
  const meta = store.meta.get(record.id)!;
  return { ...record, meta: { created: meta.created, lastModified: meta.lastModified } };
}

function notFound(id: string | undefined): never {
  throw new SCIMMY.Types.Error(404, null as unknown as string, `Resource ${id} not found`);
}

function declareResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    egress: (resource: InstanceType<typeof SCIMMY.Resources.User>, ctx: Ctx) => {
      if (resource.id) {
        const user = ctx.users.get(resource.id) ?? notFound(resource.id);
        return withMeta(ctx, user);
      }
      const all = [...ctx.users.values()].map((u) => withMeta(ctx, u));
      return resource.filter ? resource.filter.match(all) : all;
    },
    ingress: (resource: InstanceType<typeof SCIMMY.Resources.User>, instance: unknown, ctx: Ctx) => {
      const { schemas: _s, meta: _m, id: _i, ...data } = plain<ScimUserRecord>(instance);
      const taken = [...ctx.users.values()].find(
        (u) => u.userName.toLowerCase() === data.userName.toLowerCase() && u.id !== resource.id,
      );
      if (taken) throw new SCIMMY.Types.Error(409, 'uniqueness', `userName ${data.userName} is taken`);
      const now = new Date();
      if (resource.id) {
        if (!ctx.users.has(resource.id)) notFound(resource.id);
        ctx.users.set(resource.id, { ...data, id: resource.id });
        ctx.meta.get(resource.id)!.lastModified = now;
        return withMeta(ctx, ctx.users.get(resource.id)!);
      }
      const id = randomUUID();
      ctx.users.set(id, { ...data, id });
      ctx.meta.set(id, { created: now, lastModified: now });
      return withMeta(ctx, ctx.users.get(id)!);
    },
    degress: (resource: InstanceType<typeof SCIMMY.Resources.User>, ctx: Ctx) => {
      if (!resource.id || !ctx.users.delete(resource.id)) notFound(resource.id);
      for (const group of ctx.groups.values()) {
        group.members = group.members.filter((m) => m.value !== resource.id);
      }
    },
  });
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    egress: (resource: InstanceType<typeof SCIMMY.Resources.Group>, ctx: Ctx) => {
      if (resource.id) {
        const group = ctx.groups.get(resource.id) ?? notFound(resource.id);
        return withMeta(ctx, group);
      }
      const all = [...ctx.groups.values()].map((g) => withMeta(ctx, g));
      return resource.filter ? resource.filter.match(all) : all;
    },
    ingress: (resource: InstanceType<typeof SCIMMY.Resources.Group>, instance: unknown, ctx: Ctx) => {
      const { schemas: _s, meta: _m, id: _i, ...data } = plain<ScimGroupRecord>(instance);
      // A member must be a user of this service provider, as a real directory insists.
      const members = (data.members ?? []).map((m) => {
        if (!ctx.users.has(m.value)) {
          throw new SCIMMY.Types.Error(400, 'invalidValue', `No user ${m.value} to be a member`);
        }
        return { value: m.value, display: ctx.users.get(m.value)!.userName, type: 'User' };
      });
      const now = new Date();
      const id = resource.id ?? randomUUID();
      if (resource.id && !ctx.groups.has(resource.id)) notFound(resource.id);
      ctx.groups.set(id, { ...data, members, id });
      if (resource.id) ctx.meta.get(id)!.lastModified = now;
      else ctx.meta.set(id, { created: now, lastModified: now });
      return withMeta(ctx, ctx.groups.get(id)!);
    },
    degress: (resource: InstanceType<typeof SCIMMY.Resources.Group>, ctx: Ctx) => {
      if (!resource.id || !ctx.groups.delete(resource.id)) notFound(resource.id);
    },
  });
}

export class ScimTestServer {
  readonly users = new Map<string, ScimUserRecord>();
  readonly groups = new Map<string, ScimGroupRecord>();
  readonly requests: ScimRequestLog[] = [];
  /** When set, every request is held this long before it is served (a slow server). */
  delayMs = 0;
  port = 0;
  private server: Server | undefined;
  private readonly store: Store;
  private readonly app = express();

  /** `token`: the Bearer token it accepts (anything else is a 401). */
  constructor(readonly token: string = `scim-${randomUUID()}`) {
    this.store = { users: this.users, groups: this.groups, meta: new Map() };
    declareResources();
    this.app.use('/scim/v2', (req, res, next) => {
      const entry: ScimRequestLog = {
        method: req.method,
        path: req.path,
        query: { ...req.query },
        body: undefined,
        authorization: req.header('authorization'),
      };
      this.requests.push(entry);
      res.on('finish', () => {
        entry.status = res.statusCode;
      });
      if (this.delayMs > 0) setTimeout(next, this.delayMs);
      else next();
    });
    this.app.use(
      '/scim/v2',
      express.json({ type: ['application/scim+json', 'application/json'] }),
      (req, _res, next) => {
        this.requests[this.requests.length - 1].body = req.body as unknown;
        next();
      },
    );
    this.app.use(
      '/scim/v2',
      new SCIMMYRouters({
        type: 'bearer',
        handler: (req: express.Request) => {
          if (req.header('authorization') !== `Bearer ${this.token}`) {
            throw new Error('Invalid bearer token');
          }
          return 'beh-portal';
        },
        context: () => this.store,
      }) as unknown as express.Router,
    );
  }

  /** The SCIM base URL the portal's system is configured with. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/scim/v2`;
  }

  /**
   * Listens on the port it had before (or, the first time, one drawn by listenBelowEphemeral:
   * an outage's restart must find its port free, and the portal meanwhile nothing on it).
   */
  async start(): Promise<void> {
    if (this.port !== 0) return this.listen(this.port);
    await listenBelowEphemeral((port) => this.listen(port));
  }

  private async listen(port: number): Promise<void> {
    const server = this.app.listen(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops open connections: the service is unreachable until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** A group as an administrator of the target system would create it; answers its id. */
  addGroup(displayName: string): string {
    const id = randomUUID();
    const now = new Date();
    this.groups.set(id, { id, displayName, members: [] });
    this.store.meta.set(id, { created: now, lastModified: now });
    return id;
  }

  groupNamed(displayName: string): ScimGroupRecord | undefined {
    return [...this.groups.values()].find((g) => g.displayName === displayName);
  }

  userByExternalId(externalId: string): ScimUserRecord | undefined {
    return [...this.users.values()].find((u) => u.externalId === externalId);
  }

  /** Member ids of the group named `displayName`, as stored (duplicates included). */
  membersOf(displayName: string): string[] {
    return (this.groupNamed(displayName)?.members ?? []).map((m) => m.value);
  }

  /** The requests with `method` (and path starting with `pathPrefix`). */
  requestsOf(method: string, pathPrefix = ''): ScimRequestLog[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(pathPrefix));
  }
}
