import { jest } from '@jest/globals';

/**
 * A browser test that fails is run once more, and its first failure is printed. On this two-core
 * machine, two specs each drive a server, PostgreSQL and Chromium at once, and a click now and then
 * loses a race with a re-render (three different tests, once each, in the last CI runs). A broken
 * feature fails both runs; a retried failure stays visible in the log ("RETRY 1").
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
