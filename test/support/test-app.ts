import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../server/src/config/app-config.js';
import { createDatabaseFromTemplate, dropDatabase } from './db-utils.js';
import { createAppOn } from './standalone-app.js';

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
  const t = await createAppOn(databaseUrl, env);
  return {
    ...t,
    async close() {
      await t.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
