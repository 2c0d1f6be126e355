import { createTestIdp, samlEnv } from './saml-idp.js';

/**
 * Everything production insists on (loadConfig refuses to start without it), with test values:
 * one place to extend when production gains a requirement, instead of every production-mode test.
 */
export async function productionEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_POLL_SECONDS: '0',
    SIGNING_KEY_SECRET: 'test-only-signing-key-secret-0123456789abcdef',
    ...samlEnv(await createTestIdp()),
    ...extra,
  };
}
