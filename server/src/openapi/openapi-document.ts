import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PROBLEM_MEDIA_TYPE, ProblemDetails } from '../common/api-schema.js';
import { SESSION_COOKIE } from '../auth/sessions.service.js';

const DESCRIPTION = `BEH, the ordering portal for VMU (vårdmedarbetaruppdrag).

Generated from the controllers and DTOs of the running application (\`npm run openapi\` writes it to
docs/openapi.json and the UI's types to admin-ui/src/api/schema.d.ts).

Two ways in (the security schemes):

- **Browsers** (\`session\`, with \`csrf\`): sign-in gives the session cookie \`${SESSION_COOKIE}\`; every
  state-changing request also sends the session's CSRF token (\`GET /api/auth/csrf\`) in the header
  \`X-CSRF-Token\`.
- **API clients** (\`bearer\`): other systems send \`Authorization: Bearer beh.<id>.<secret>\`, a token an
  administrator created for them (\`/api/api-clients\`) with an expiry date and scopes. No cookie, no
  CSRF token. A client may call only the GET operations whose \`x-beh-client-scope\` it holds (every other
  operation answers 403; a wrong, revoked or expired token 401), reads the whole region for its scope,
  and each of its calls is recorded in the audit log under its name.
- **Who may call** an operation is its \`x-beh-policy\`: public, signedIn, rightsHolder, delegator or
  administrator (docs/architecture.md). Checks that depend on the data (heads this very unit) are made
  by the service and answer 403 or 404.
- **Lists** follow ra-data-simple-rest: \`filter\`, \`range\` and \`sort\` as JSON in the query and
  \`Content-Range\` in the answer.
- **Errors** are problem details (RFC 9457, \`${PROBLEM_MEDIA_TYPE}\`) with Swedish texts; validation
  problems name each field in \`errors\`.`;

/** The OpenAPI description of the application as it is registered (its global prefix included). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('BEH API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie' }, 'session')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-CSRF-Token',
        description:
          "The session's CSRF token (GET /api/auth/csrf), on every request but GET, with the session.",
      },
      'csrf',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'beh.<id>.<secret>',
        description: "An API client's token; only for operations with x-beh-client-scope.",
      },
      'bearer',
    )
    .addGlobalResponse({
      status: 'default',
      description: 'A problem (RFC 9457): refused, not found, invalid, conflicting.',
      content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDetails],
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  requireCsrfWithSession(document);
  return document;
}

/**
 * A browser's state-changing request needs the session and its CSRF token together: one security
 * requirement naming both (the decorators can only name the session).
 */
function requireCsrfWithSession(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation?.security) continue;
      operation.security = operation.security.map((requirement) =>
        'session' in requirement ? { ...requirement, csrf: [] } : requirement,
      );
    }
  }
}
