/**
 * The portal as real server processes (the build test/faults/global-setup.js compiled), for
 * faults that only a process has: SIGKILL, two schedulers side by side.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function until(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class ServerProcess {
  child: ChildProcess | undefined;
  log = '';
  readonly port: number;

  private constructor(
    port: number,
    private readonly env: Record<string, string>,
  ) {
    this.port = port;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A server on a free port of its own, listening and healthy when this returns. */
  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env);
    await server.restart();
    return server;
  }

  /** Starts the process (again, on the same port and database) and waits for /api/health. */
  async restart(): Promise<void> {
    const dist = process.env.BEH_FAULTS_DIST;
    if (!dist) throw new Error('BEH_FAULTS_DIST is not set: run through test/faults/jest.config.js');
    const child = spawn(process.execPath, [path.join(dist, 'server/src/main.js')], {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: 'test',
        NO_COLOR: '1',
        LOG_LEVEL: 'info',
        SEED_ON_EMPTY: 'false',
        UI_DIR: '',
        // Far above what a scenario does from one address (it signs in again after every fault).
        RATE_LIMIT_SIGN_IN: '1000000/1m',
        RATE_LIMIT_PERSON_LOOKUP: '1000000/1m',
        RATE_LIMIT_SIGN: '1000000/1m',
        RATE_LIMIT_EXPORT: '1000000/1m',
        PORT: String(this.port),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await until(`server on port ${this.port}\n${this.log}`, Date.now() + 60_000, async () => {
      if (child.exitCode !== null) throw new Error(`Server exited (${child.exitCode}): ${this.log}`);
      return fetch(`${this.base}/api/health`).then(
        (res) => res.status === 200,
        () => false,
      );
    });
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/** A browser-like session against a server process: cookie and CSRF token (development sign-in). */
export async function session(base: string, userId: string) {
  let cookie = '';
  const remember = (res: Response) => {
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('beh.sid='));
    if (sid) cookie = sid.split(';')[0];
  };
  const csrf = async () => {
    const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
    remember(res);
    return ((await res.json()) as { token: string }).token;
  };
  let token = await csrf();
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(body),
    });
    remember(res);
    return res;
  };
  const login = await post('/api/auth/dev-login', { userId });
  if (login.status !== 200) throw new Error(`dev-login as ${userId} answered ${login.status}`);
  token = await csrf();
  return {
    get: (url: string) => fetch(`${base}${url}`, { headers: { cookie } }),
    post,
  };
}
