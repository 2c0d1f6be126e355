import { federatedSigning } from './federated-signing.js';
import { createTestIdp, samlEnv } from './saml-idp.js';

/**
 * Everything production insists on (loadConfig refuses to start without it), with test values:
 * one place to extend when production gains a requirement, instead of every production-mode test.
 * Signing is BEH's own signing service (SIGNING_PROVIDER=federated), a real provider: production
 * refuses the embedded test CA.
 */
export async function productionEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const [idp, sp, signing] = await Promise.all([
    createTestIdp(),
    createTestIdp('BEH SP'),
    federatedSigning(),
  ]);
  return {
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_POLL_SECONDS: '0',
    SIGNING_KEY_SECRET: 'test-only-signing-key-secret-0123456789abcdef',
    ...samlEnv(idp, sp),
    // The key pair that signs SignRequests, also when a test replaces the SAML_* variables.
    DSS_REQUESTER_KEY: sp.key,
    DSS_REQUESTER_CERT: sp.cert,
    ...signing.env,
    ...extra,
  };
}
