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
  testTimeout: 120000,
  // One browser at a time: the machine has two cores and Chromium takes one of them.
  maxWorkers: 1,
};
