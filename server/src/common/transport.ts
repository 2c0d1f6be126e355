import compression from 'compression';
import type { RequestHandler } from 'express';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

/** Answers smaller than this go as they are (see compressResponses). */
export const COMPRESS_THRESHOLD = 4096;

/**
 * Responses are compressed (brotli or gzip, as the browser offers) from 4 kB: the UI's scripts
 * shrink to about a quarter, and a page of a list with them. Below that the bytes saved are a
 * kilobyte or two while compressing cost 0.1–0.4 ms of CPU per answer, the largest single part
 * of a small API request (a person lookup, ~1.5 kB: 14 % of its CPU in zlib). Brotli at quality 4
 * (the package's default) with a 256 kB window instead of its 4 MB default: an API answer is a
 * few kB, and setting up the large window cost as much as compressing.
 */
export const compressResponses = (): RequestHandler =>
  compression({
    threshold: COMPRESS_THRESHOLD,
    brotli: {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 18,
      },
    },
  });

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
