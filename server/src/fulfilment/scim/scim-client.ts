/**
 * A small SCIM 2.0 client (RFC 7643 resources, RFC 7644 protocol) for what carrying out an access
 * order needs: find a User by externalId, create one, find a Group by displayName, read its
 * members, and add or remove one member with a PatchOp. Node's fetch, a Bearer token, a timeout on
 * every request, no redirects followed (a redirect would carry the token elsewhere).
 *
 * Every failure is a ScimError whose message is fit for a system administrator to read (it is
 * kept as the part's scim_last_error): what was asked, and what the server answered, never the
 * token.
 */

const SCIM_JSON = 'application/scim+json';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** Longest error text kept: a server's HTML error page must not fill the column. */
const MAX_ERROR = 500;

export class ScimError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message.length > MAX_ERROR ? `${message.slice(0, MAX_ERROR - 1)}…` : message);
    this.name = 'ScimError';
  }
}

export interface ScimUser {
  id: string;
  userName?: string;
  externalId?: string;
  active?: boolean;
}

export interface ScimGroup {
  id: string;
  displayName: string;
  /** Member ids; undefined when the server left the attribute out. */
  members?: string[];
}

export interface NewScimUser {
  userName: string;
  externalId: string;
  givenName: string;
  familyName: string;
}

/** A string as a SCIM filter's quoted value (RFC 7644 3.4.2.2: a JSON string). */
export const filterValue = (value: string): string => JSON.stringify(value);

interface ListResponse<T> {
  totalResults?: number;
  Resources?: T[];
}

interface RawGroup {
  id: string;
  displayName: string;
  members?: { value: string }[];
}

export class ScimClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** The user whose externalId is `externalId`; undefined when none. Several: an error. */
  async userByExternalId(externalId: string): Promise<ScimUser | undefined> {
    const list = await this.request<ListResponse<ScimUser>>(
      'GET',
      `/Users?filter=${encodeURIComponent(`externalId eq ${filterValue(externalId)}`)}`,
    );
    const found = (list?.Resources ?? []).filter(
      (u) => u.externalId === undefined || u.externalId === externalId,
    );
    if (found.length > 1) {
      throw new ScimError(`SCIM-servern har ${found.length} användare med externalId ${externalId}.`);
    }
    return found[0];
  }

  /** Creates the user, active; answers it. */
  async createUser(user: NewScimUser): Promise<ScimUser> {
    const created = await this.request<ScimUser>('POST', '/Users', {
      schemas: [USER_SCHEMA],
      userName: user.userName,
      externalId: user.externalId,
      name: {
        givenName: user.givenName,
        familyName: user.familyName,
        formatted: `${user.givenName} ${user.familyName}`,
      },
      displayName: `${user.givenName} ${user.familyName}`,
      active: true,
    });
    if (!created?.id)
      throw new ScimError('SCIM-servern svarade utan id när användaren skapades (POST /Users).');
    return created;
  }

  /** Makes an inactive user active again (a user granted a role must be able to sign in). */
  async activate(userId: string): Promise<void> {
    await this.request('PATCH', `/Users/${encodeURIComponent(userId)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
  }

  /** The group named `displayName`, with its members; undefined when none. */
  async groupNamed(displayName: string): Promise<ScimGroup | undefined> {
    const list = await this.request<ListResponse<RawGroup>>(
      'GET',
      `/Groups?filter=${encodeURIComponent(`displayName eq ${filterValue(displayName)}`)}`,
    );
    const found = (list?.Resources ?? []).filter((g) => g.displayName === displayName);
    if (found.length > 1) {
      throw new ScimError(`SCIM-servern har ${found.length} grupper med namnet "${displayName}".`);
    }
    if (found.length === 0) return undefined;
    // A server may leave members out of a list: then the group itself is read.
    const group = found[0].members === undefined ? await this.group(found[0].id) : found[0];
    return toGroup(group);
  }

  async group(id: string): Promise<RawGroup> {
    const group = await this.request<RawGroup>('GET', `/Groups/${encodeURIComponent(id)}`);
    if (!group?.id) throw new ScimError(`SCIM-servern svarade utan grupp (GET /Groups/${id}).`);
    return group;
  }

  async addMember(groupId: string, userId: string): Promise<void> {
    await this.request('PATCH', `/Groups/${encodeURIComponent(groupId)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
    });
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.request('PATCH', `/Groups/${encodeURIComponent(groupId)}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq ${filterValue(userId)}]` }],
    });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T | undefined> {
    // The error names the request without its query (a filter names the person).
    const what = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: `${SCIM_JSON}, application/json`,
          ...(body === undefined ? {} : { 'content-type': SCIM_JSON }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ScimError(unreachable(error, what, this.timeoutMs));
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ScimError(unreachable(error, what, this.timeoutMs), response.status);
    }
    if (response.status >= 300 || response.status < 200) {
      throw new ScimError(
        `SCIM-servern svarade ${response.status} på ${what}${detailOf(text)}.`,
        response.status,
      );
    }
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ScimError(`SCIM-servern svarade inte med JSON på ${what}.`, response.status);
    }
  }
}

function toGroup(raw: RawGroup): ScimGroup {
  return {
    id: raw.id,
    displayName: raw.displayName,
    members: raw.members?.map((m) => m.value),
  };
}

function unreachable(error: unknown, what: string, timeoutMs: number): string {
  // fetch's errors may come from another realm (undici's): read them by shape, not instanceof.
  const e = error as
    { name?: string; message?: string; cause?: { message?: string; code?: string } } | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return `SCIM-servern svarade inte inom ${Math.round(timeoutMs / 1000)} s på ${what}.`;
  }
  const message = e?.cause?.message || e?.cause?.code || e?.message || String(error);
  return `SCIM-servern gick inte att nå (${what}): ${message}.`;
}

/** `: <detail>` from a SCIM error body (RFC 7644 3.12), or nothing. */
function detailOf(text: string): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown; scimType?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : undefined;
    const type = typeof body.scimType === 'string' ? ` (${body.scimType})` : '';
    return detail ? `: ${detail}${type}` : '';
  } catch {
    return '';
  }
}
