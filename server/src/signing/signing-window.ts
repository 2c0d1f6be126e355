import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

const WINDOW_PATH = /^\/signing\/[^/]+\/?$/;

/**
 * GET /signing/:requestId — the signing window, a small page of its own (admin-ui/signing.html),
 * outside /api and outside the react-admin bundle. A static rule rather than a controller, like
 * the UI's other files: the global /api prefix cannot be lifted for this path without lifting it
 * for GET /api/signing/:requestId too.
 *
 * Policy: public. The page is the same file for everyone and holds no data; what it shows comes
 * from /api/signing/:requestId, which only the request's signer may read (everyone else: 404),
 * and a signed-out visitor sees the page say so.
 */
export function signingWindow(uiDir: string): RequestHandler {
  const file = uiDir ? path.resolve(uiDir, 'signing.html') : '';
  // Without a built UI (API-only runs and the API tests) there is no page, and the path is a 404.
  const page = file && existsSync(file) ? file : undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!page || (req.method !== 'GET' && req.method !== 'HEAD') || !WINDOW_PATH.test(req.path))
      return next();
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(page);
  };
}
