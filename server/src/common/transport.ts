import compression from 'compression';
import type { RequestHandler } from 'express';
import Negotiator from 'negotiator';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/** Answers smaller than this go as they are (see compressResponses). */
export const COMPRESS_THRESHOLD = 4096;

/** Brotli with a 256 kB window instead of its 4 MB default, at the given quality. */
const brotliParams = (quality: number) => ({
  [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
  [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
});

const brotli = (quality: number) =>
  compression({ threshold: COMPRESS_THRESHOLD, brotli: { params: brotliParams(quality) } });

/**
 * Responses are compressed (brotli or gzip, as the browser offers) from 4 kB: the UI's scripts
 * shrink to about a quarter, and a page of a list with them. Below that the bytes saved are a
 * kilobyte or two while compressing cost 0.1–0.4 ms of CPU per answer, the largest single part
 * of a small API request (a person lookup, ~1.5 kB: 14 % of its CPU in zlib). The window is
 * 256 kB instead of brotli's 4 MB default: an answer is a few kB, and setting up the large window
 * cost as much as compressing.
 *
 * API answers at brotli quality 1, the UI's files at 4 (the package's default). An API answer is
 * made anew for every request, so its compressing is paid every time: 12 kB of a list page's JSON
 * take 14 µs at quality 1 and 45 µs at 4 and come out ~10 % larger, while at 20 requests in
 * flight zlib was a tenth of the server's CPU. The UI's files are fetched once and kept for a
 * year (IMMUTABLE): there the smaller file is worth the CPU.
 *
 * An API answer sent whole is compressed by compressWhole; one written in parts (a CSV export)
 * asks for the compression package's stream with compressStream before its first byte. The package
 * is not put in front of every API request: hooking each response's headers, writes and end cost
 * more than a small answer's whole request in the router (/api/me: 2,300 → 2,750 requests/s in
 * one process without it).
 */
export const compressResponses = (): RequestHandler => {
  const files = brotli(4);
  return (req, res, next) =>
    req.path.startsWith('/api/') ? compressWhole(req, res, next) : files(req, res, next);
};

const apiStream = brotli(1);

/**
 * This API answer will be written in parts (a CSV export): compressed as a stream by the
 * compression package, negotiated with the request's Accept-Encoding when the headers go out.
 * Call it before the first write; `res.flush()` then sends what is compressed so far.
 */
export function compressStream(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]): void {
  void apiStream(req, res, () => undefined);
}

const COMPRESSIBLE = /^(application\/(.+\+)?json|text\/)/i;

/**
 * An API answer sent whole (`res.end(body)`, as `res.json` does) is compressed in one synchronous
 * call instead of through a zlib stream: a stream costs ~100 µs of CPU to set up and tear down
 * whatever it compresses, and compressing a page of a list takes 15–25 µs. Answers written in
 * parts (the CSV exports) go through the compression package's stream (compressStream), which
 * wraps this: it leaves an answer alone once its Content-Encoding is set. Same rules as the package's:
 * from COMPRESS_THRESHOLD, JSON and text only, not for HEAD or `Cache-Control: no-transform`,
 * brotli before gzip when the client takes both.
 */
const compressWhole: RequestHandler = (req, res, next) => {
  const end = res.end.bind(res) as (chunk?: unknown, encoding?: BufferEncoding) => typeof res;
  const write = res.write.bind(res);
  let streamed = false;
  res.write = ((...args: Parameters<typeof res.write>) => {
    streamed = true;
    return write(...args);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    const body =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : undefined;
    const method = body && !streamed && !res.headersSent ? encodingFor(req, res, body) : undefined;
    if (!method || !body) return end(chunk, encoding as BufferEncoding);
    const compressed =
      method === 'br'
        ? zlib.brotliCompressSync(body, { params: brotliParams(1) })
        : zlib.gzipSync(body, { level: 1 });
    res.vary('Accept-Encoding');
    res.setHeader('Content-Encoding', method);
    res.setHeader('Content-Length', compressed.length);
    // end(chunk, callback) as well as end(chunk, encoding, callback).
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') res.once('finish', done as () => void);
    return end(compressed);
  }) as typeof res.end;
  next();
};

/** br or gzip when this answer should be compressed and the client takes one; else undefined. */
function encodingFor(
  req: Parameters<RequestHandler>[0],
  res: Parameters<RequestHandler>[1],
  body: Buffer,
): 'br' | 'gzip' | undefined {
  if (body.length < COMPRESS_THRESHOLD || req.method === 'HEAD') return undefined;
  if (res.getHeader('Content-Encoding') !== undefined) return undefined;
  if (!COMPRESSIBLE.test(String(res.getHeader('Content-Type') ?? ''))) return undefined;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(String(res.getHeader('Cache-Control') ?? '')))
    return undefined;
  const chosen = new Negotiator(req).encoding(['br', 'gzip', 'identity'], { preferred: ['br', 'gzip'] });
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** One year: a hashed file's name changes whenever its content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache-Control for the built UI. Vite names everything under assets/ by its content's hash, so
 * a browser may keep those for good; the HTML pages (index.html, signing.html) name the current
 * hashes and must be revalidated on every load, or a browser would keep running an old UI.
 */
export function uiCacheHeaders(res: ServerResponse, filePath: string): void {
  const hashed = path.basename(path.dirname(filePath)) === 'assets';
  res.setHeader('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
}
