import 'reflect-metadata';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { withDatabase } from '../../server/src/database/database-url.js';
import { RAISED_TEST_LIMITS } from './test-limits.js';
import type { TestApp } from './test-app.js';

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The real application on a database the test manages itself (any server, not the run's
 * template copies): it migrates it at start as in production. close() stops the app only.
 */
export async function createAppOn(databaseUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
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
    close: () => app.close(),
  };
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database `name` on the server (from template0, as a restore wants it); its URL. */
export async function createEmptyDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${ident(name)} TEMPLATE template0`));
  return withDatabase(serverUrl, name);
}

export async function dropDatabaseOn(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}
