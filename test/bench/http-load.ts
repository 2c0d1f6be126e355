/**
 * An HTTP load generator on a worker thread of its own, so that sending requests and reading
 * answers does not take time from the event loop of the application under test (which runs in the
 * benchmark's main thread). Keep-alive connections, one per concurrent lane, as a browser keeps
 * them; each answer is read to its end but not parsed.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import zlib from 'node:zlib';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Requests in flight at once. */
  concurrency: number;
  /** Stop issuing after this many requests… */
  maxRequests: number;
  /** …or after this long, whichever comes first… */
  maxMs: number;
  /** …but not before this many (a slow endpoint still gets a few samples). */
  minRequests: number;
  /** One request's limit; a request over it counts as an error. */
  timeoutMs: number;
  /** Count the lines of the (uncompressed) answers: for exports. */
  countLines?: boolean;
}

export interface FirstAnswer {
  status: number;
  contentRange?: string;
  /** exact, estimate or at-least (the list layer's X-Total-Kind), when the list says. */
  totalKind?: string;
  contentEncoding?: string;
  /** The start of the (possibly compressed) body, as text; for problem answers. */
  body: string;
  bytes: number;
  /** Milliseconds to the first byte of the body. */
  ttfbMs: number;
  /** With countLines: the answer's line feeds. */
  lines?: number;
}

export interface LoadResult {
  /** Milliseconds per completed request, in completion order. */
  latencies: number[];
  /** Count per status code; "ERR" for requests that got no answer. */
  statuses: Record<string, number>;
  /** From the first request issued to the last one answered. */
  elapsedMs: number;
  first?: FirstAnswer;
  errors: string[];
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  head: string;
  bytes: number;
  ttfbMs: number;
  lines: number;
}

const BODY_KEPT = 600;

function request(agent: http.Agent, url: URL, job: LoadJob) {
  const t0 = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(url, { agent, headers: job.headers, method: 'GET' }, (res) => {
      let head = '';
      let size = 0;
      let lines = 0;
      let ttfbMs = Number.NaN;
      const encoding = res.headers['content-encoding'];
      // An export is counted after decompression, as a browser would save it.
      const body: NodeJS.ReadableStream =
        job.countLines && encoding === 'br'
          ? res.pipe(zlib.createBrotliDecompress())
          : job.countLines && (encoding === 'gzip' || encoding === 'deflate')
            ? res.pipe(zlib.createUnzip())
            : res;
      res.on('data', (chunk: Buffer) => {
        if (size === 0) ttfbMs = performance.now() - t0;
        size += chunk.length;
      });
      body.on('data', (chunk: Buffer) => {
        if (head.length < BODY_KEPT) head += chunk.toString('utf8', 0, BODY_KEPT);
        if (job.countLines) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      body.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          head: head.slice(0, BODY_KEPT),
          bytes: size,
          ttfbMs,
          lines,
        }),
      );
      res.on('error', reject);
      body.on('error', reject);
    });
    req.setTimeout(job.timeoutMs, () => req.destroy(new Error(`no answer within ${job.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

async function run(agent: http.Agent, job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errors: string[] = [];
  let first: FirstAnswer | undefined;
  let issued = 0;
  const start = performance.now();
  const deadline = start + job.maxMs;
  let lastDone = start;
  const more = () => issued < job.maxRequests && (performance.now() < deadline || issued < job.minRequests);
  const lane = async () => {
    while (more()) {
      issued++;
      const t0 = performance.now();
      try {
        const answer = await request(agent, url, job);
        const t1 = performance.now();
        latencies.push(t1 - t0);
        lastDone = t1;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        first ??= {
          status: answer.status,
          contentRange: answer.headers['content-range'],
          totalKind: answer.headers['x-total-kind'] as string | undefined,
          contentEncoding: answer.headers['content-encoding'],
          body: answer.headers['content-encoding'] && !job.countLines ? '(compressed)' : answer.head,
          bytes: answer.bytes,
          ttfbMs: answer.ttfbMs,
          lines: job.countLines ? answer.lines : undefined,
        };
      } catch (error) {
        lastDone = performance.now();
        statuses.ERR = (statuses.ERR ?? 0) + 1;
        if (errors.length < 3) errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  return { latencies, statuses, elapsedMs: lastDone - start, first, errors };
}

const ROLE = 'beh-http-load';

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  parentPort?.on('message', (message: { id: number; job: LoadJob }) => {
    run(agent, message.job).then(
      (result) => parentPort?.postMessage({ id: message.id, result }),
      (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
    );
  });
}

/** The main thread's handle on the worker: one job at a time, answered in order. */
export class LoadClient {
  private readonly worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
  private next = 0;
  private readonly waiting = new Map<number, (m: { result?: LoadResult; error?: string }) => void>();

  constructor() {
    this.worker.on('message', (m: { id: number; result?: LoadResult; error?: string }) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (m) => (m.result ? resolve(m.result) : reject(new Error(m.error))));
      this.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
