import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { type ChainRange, ChainWalker, walkRange } from './chain-check.js';

/**
 * One range of a full verification on a thread of its own (AuditVerifyService starts it): its own
 * connection, the events of its range checked as walkRange does, progress and the result posted
 * back. 'abort' from the parent stops it at the next batch.
 */
export interface RangeWorkerData {
  connectionString: string;
  range: ChainRange;
  batch: number;
}

export type RangeWorkerMessage =
  { progress: number } | { done: ReturnType<ChainWalker['result']>; complete: boolean } | { error: string };

const port = parentPort;
if (!port) throw new Error('chain-range.worker is a worker thread');
const { connectionString, range, batch } = workerData as RangeWorkerData;
const abort = new AbortController();
port.on('message', (message) => {
  if (message === 'abort') abort.abort();
});
// Listening for 'abort' does not keep the thread alive: it ends when its work and connection do.
port.unref();
const post = (message: RangeWorkerMessage) => port.postMessage(message);
const client = new pg.Client({ connectionString, application_name: 'beh audit verify' });
try {
  await client.connect();
  const walker = new ChainWalker(undefined);
  const { complete } = await walkRange(client, walker, range.afterId, range.toId, {
    batch,
    signal: abort.signal,
    onProgress: (checked) => post({ progress: checked }),
  });
  post({ done: walker.result(), complete });
} catch (error) {
  post({ error: error instanceof Error ? error.message : String(error) });
} finally {
  await client.end().catch(() => undefined);
}
