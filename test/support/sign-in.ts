import request from 'supertest';
import type { TestApp } from './test-app.js';

type Agent = ReturnType<typeof request.agent>;

/**
 * A browser-like client: a supertest agent that keeps the session cookie and sends the
 * session's CSRF token on every state-changing request, as the admin UI does.
 */
export class Client {
  constructor(
    readonly agent: Agent,
    public csrf: string,
  ) {}

  get(path: string) {
    return this.agent.get(path);
  }

  post(path: string) {
    return this.agent.post(path).set('X-CSRF-Token', this.csrf);
  }

  put(path: string) {
    return this.agent.put(path).set('X-CSRF-Token', this.csrf);
  }

  patch(path: string) {
    return this.agent.patch(path).set('X-CSRF-Token', this.csrf);
  }

  delete(path: string) {
    return this.agent.delete(path).set('X-CSRF-Token', this.csrf);
  }

  /** Fetches the CSRF token of the agent's current session (it changes at sign-in). */
  async refreshCsrf(): Promise<string> {
    const res = await this.agent.get('/api/auth/csrf').expect(200);
    this.csrf = (res.body as { token: string }).token;
    return this.csrf;
  }
}

/** Not signed in, but with an anonymous pre-session and its CSRF token, like the sign-in page. */
export async function anonymous(t: TestApp): Promise<Client> {
  const client = new Client(request.agent(t.http), '');
  await client.refreshCsrf();
  return client;
}

/** Signed in through the development sign-in as the person with this VGR-ID (e.g. 'admin1'). */
export async function signIn(t: TestApp, userId: string): Promise<Client> {
  const client = await anonymous(t);
  await client.post('/api/auth/dev-login').send({ userId }).expect(200);
  await client.refreshCsrf();
  return client;
}
