/**
 * Rate limits far above anything a test file does, for the test applications of every suite but
 * the one about limits (test/e2e/rate-limits.e2e-spec.ts, which runs with the real ones): tests
 * sign in, look persons up and export from one address and a few people many times a minute.
 * The limits still count every limited request, so their statement runs in every suite.
 */
export const RAISED_TEST_LIMITS: Record<string, string> = {
  RATE_LIMIT_SIGN_IN: '1000000/1m',
  RATE_LIMIT_PERSON_LOOKUP: '1000000/1m',
  RATE_LIMIT_SIGN: '1000000/1m',
  RATE_LIMIT_EXPORT: '1000000/1m',
  RATE_LIMIT_MASS_ORDER_IMPORT: '1000000/1m',
};
