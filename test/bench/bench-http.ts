/** Signing in through the development sign-in and plain requests with the session, for the benchmarks. */

export interface Session {
  userId: string;
  /** `beh.sid=…`, to send as the Cookie header. */
  cookie: string;
  /** The session's CSRF token, for POST/PUT/PATCH/DELETE. */
  csrf: string;
}

function sessionCookie(res: Response): string | undefined {
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('beh.sid='))
    ?.split(';')[0];
}

/** Signs in as `userId` as the admin UI's sign-in page does: a CSRF token, then the dev login. */
export async function signIn(base: string, userId: string): Promise<Session> {
  let cookie = '';
  const csrf = async () => {
    const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
    cookie = sessionCookie(res) ?? cookie;
    return ((await res.json()) as { token: string }).token;
  };
  const token = await csrf();
  const res = await fetch(`${base}/api/auth/dev-login`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token },
    body: JSON.stringify({ userId }),
  });
  if (res.status !== 200)
    throw new Error(`dev-login as ${userId} answered ${res.status} ${await res.text()}`);
  cookie = sessionCookie(res) ?? cookie;
  // Signing in gives a new session, with a token of its own.
  return { userId, cookie, csrf: await csrf() };
}

export interface Answer {
  status: number;
  headers: Headers;
  ms: number;
  body: unknown;
  text: string;
}

/** One request with the session, its JSON body (or text) and how long it took. */
export async function call(
  base: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 600_000,
): Promise<Answer> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      accept: 'application/json',
      ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the text is kept.
  }
  return { status: res.status, headers: res.headers, ms, body: parsed, text };
}
