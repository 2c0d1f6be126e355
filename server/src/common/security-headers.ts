import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config.js';

/**
 * The style elements emotion (MUI, react-admin) creates in a production build: empty, because it
 * fills them through the CSSOM (`sheet.insertRule`, its "speedy" mode), which a CSP does not govern.
 * Allowing exactly the empty element by its hash lets the UI style itself while markup slipped into
 * a page can still add no `<style>` with content and no `style="…"` attribute (that would need
 * 'unsafe-inline'). A development build of emotion writes its rules as text and is refused: the
 * server only ever serves `vite build` output, which is a production build.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** JSON, CSV and XML answers: nothing in them may load, run or be framed. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The HTML pages the SAML assertion consumer answers with (server/src/auth/saml/saml-pages.ts):
 * their own inline `<style>`, no script (the "continue" page goes on by its meta refresh and link).
 */
export const SERVER_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Paths under /api that answer with a page of their own rather than data. */
const SERVER_PAGES = /^\/api\/(auth\/saml\/acs|signing\/dss\/response|sign-service\/(sign|acs))\/?$/;

/** Powerful browser features the portal never uses, off for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'serial',
  'usb',
  'xr-spatial-tracking',
  'browsing-topics',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** One year, as a browser needs to remember HTTPS-only between visits. */
const HSTS_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * Where the UI's pages may send a form: the portal itself; when SAML is configured, the IdP
 * (sign-in leaves for it, and a form's redirects are checked against form-action too); and a DSS
 * signing service, to which the signing window posts the SignRequest (SIGNING_PROVIDER=dss).
 */
export function formActionSources(config: Pick<AppConfig, 'auth' | 'signing'>): string[] {
  const sources = new Set(["'self'"]);
  const idp = config.auth.saml?.idpSsoUrl;
  if (idp) sources.add(new URL(idp).origin);
  // BEH's own signing service (federated) is 'self'.
  const signService = config.signing?.signService ? undefined : config.signing?.dss?.serviceUrl;
  if (signService) sources.add(new URL(signService).origin);
  return [...sources];
}

/** The policy of the UI (`/`, its files) and of the signing window (`/signing/:id`), as directives. */
export function uiCspDirectives(config: Pick<AppConfig, 'auth' | 'signing'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", EMPTY_STYLE_HASH],
    'img-src': ["'self'"],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': formActionSources(config),
    'frame-ancestors': ["'none'"],
  };
}

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Security headers on every answer (helmet): a Content-Security-Policy per kind of answer (the UI
 * and the signing window; the API; the SAML pages; Swagger UI at /api/docs and the development mail
 * catcher set their own), X-Frame-Options DENY with frame-ancestors 'none', nosniff,
 * Referrer-Policy same-origin, Permissions-Policy, and HSTS in production only (elsewhere the
 * portal runs on plain http, where a browser that kept HSTS for localhost would refuse it).
 *
 * Referrer-Policy is same-origin rather than no-referrer: under no-referrer a browser sends
 * `Origin: null` on the UI's own POSTs, and a same-origin request must keep naming its origin.
 */
export function securityHeaders(config: Pick<AppConfig, 'nodeEnv' | 'auth' | 'signing'>): RequestHandler {
  const production = config.nodeEnv === 'production';
  const common = helmet({
    contentSecurityPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: production ? { maxAge: HSTS_MAX_AGE, includeSubDomains: true } : false,
  });
  const ui = helmet.contentSecurityPolicy({ useDefaults: false, directives: uiCspDirectives(config) });
  return (req: Request, res: Response, next: NextFunction) => {
    common(req, res, (error?: unknown) => {
      if (error) return next(error);
      res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
      if (!isApi(req.path)) return ui(req, res, next);
      res.setHeader('Content-Security-Policy', SERVER_PAGES.test(req.path) ? SERVER_PAGE_CSP : API_CSP);
      next();
    });
  };
}
