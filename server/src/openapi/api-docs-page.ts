import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the API description and its page are served (under the global prefix /api). */
export const DOCS_PATH = '/api/docs';

/** The files of swagger-ui-dist the page loads; nothing else of the package is served. */
export const SWAGGER_UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function swaggerUiDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

/** Starts Swagger UI on the description; only GETs can be tried (writes need the CSRF token). */
export const DOCS_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${DOCS_PATH}/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    supportedSubmitMethods: ['get'],
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

/** No inline script, so the page can forbid every script but its own files. */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export const DOCS_PAGE = `<!doctype html>
<html lang="sv">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>BEH API – beskrivning</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="${DOCS_PATH}/assets/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui"></main>
    <noscript>Sidan behöver JavaScript. Beskrivningen finns som JSON på ${DOCS_PATH}/openapi.json.</noscript>
    <script src="${DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/assets/docs.js"></script>
  </body>
</html>
`;
