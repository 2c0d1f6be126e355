/**
 * Browser tests: the real application with the built admin UI (npm run test:browser builds first),
 * driven by Playwright's Chromium, on the same per-file databases as the API tests.
 */
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: '<rootDir>/../../tsconfig.json', isolatedModules: false },
    ],
  },
  testMatch: ['<rootDir>/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/../support/global-setup.js',
  globalTeardown: '<rootDir>/../support/global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/retry.ts'],
  testTimeout: 120000,
  // Two specs at once, each with its own server, database and Chromium: a spec mostly waits (for
  // the UI to answer, for a mail, for the scheduler), so two overlap well on two cores (the 25
  // specs: 350–364 s with two workers on a machine where npm test takes 214 s; 1,028 s with one
  // in a CI run whose npm test took 382 s).
  maxWorkers: 2,
};
