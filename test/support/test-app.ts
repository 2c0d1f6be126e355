import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { type AppConfig, loadConfig } from '../../server/src/config/app-config.js';
import { createDatabaseFromTemplate, dropDatabase } from './db-utils.js';
import { RAISED_TEST_LIMITS } from './test-limits.js';

export interface TestApp {
  app: INestApplication;
  /** The HTTP server, for supertest's request(). */
  http: ReturnType<INestApplication['getHttpServer']>;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Boots the real application on a fresh copy of the seeded template database, or with
 * `seeded: false` of the migrated-only one (an empty directory: build the world with
 * test/factories).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  { seeded = true }: { seeded?: boolean } = {},
): Promise<TestApp> {
  const serverUrl = process.env.BEH_TEST_SERVER_URL;
  if (!serverUrl)
    throw new Error('BEH_TEST_SERVER_URL is not set: run the tests through jest (global-setup).');
  const name = `beh_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = await createDatabaseFromTemplate(serverUrl, name, { seeded });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    UI_DIR: '',
    SEED_ON_EMPTY: 'false',
    ...RAISED_TEST_LIMITS,
    ...env,
  });
  const app = await createApp(config, databaseUrl);
  await app.init();
  return {
    app,
    http: app.getHttpServer(),
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    async close() {
      await app.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
