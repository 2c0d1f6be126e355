/**
 * The fault suite (npm run test:faults): the application under SMTP outages, killed database
 * connections, SIGKILL, two schedulers, a slow database and a full outbox, on the same per-file
 * databases as the API tests. Its global setup also compiles the server once for the scenarios
 * that run it as real processes.
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
  testMatch: ['<rootDir>/**/*.faults-spec.ts'],
  globalSetup: '<rootDir>/global-setup.js',
  globalTeardown: '<rootDir>/global-teardown.js',
  testTimeout: 180000,
  // One scenario at a time: each measures time under load, and the machine has two cores.
  maxWorkers: 1,
};
