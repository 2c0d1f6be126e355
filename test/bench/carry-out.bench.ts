/**
 * Carry-out benchmark: 10,000 approved orders due at once (grants over the generated staff and
 * the catalogue, and revokes of what the seed's staff hold), carried out by one scheduler tick,
 * timed: holdings, lines DONE, feedback, ORDER_COMPLETED mail and audit event, CARRY_OUT_BATCH
 * orders (200) per transaction. Then the same 10,000 orders in a copy of the database, carried out
 * by two processes ticking at the same moment (this one and a second Node process it starts), and
 * checked: each order carried out once, by both processes together.
 *
 *   npm run bench:carry-out                             embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:carry-out   throwaway databases on that server
 *   BENCH_ORDERS=2000 npm run bench:carry-out           another number of orders
 *   CARRY_OUT_BATCH=500 npm run bench:carry-out         another batch size
 *   BENCH_REGION_URL=postgres://…/beh_region npm run bench:carry-out
 *                                                       also the idle tick on that database
 *   BENCH_ORDERS=0 BENCH_REGION_URL=… npm run bench:carry-out   the region's idle tick alone
 *
 * Prints the times and orders per second of both; the target is 10,000 in ≤ 10 s with one
 * process, and less with two. Then the database time of the idle scheduler tick (idle-tick.ts:
 * measured in a transaction that is rolled back, so the region is left as it was); the target
 * is ≤ 50 ms at a region's volume.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { withDatabase } from '../../server/src/database/database-url.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import type { TickReport } from '../../server/src/scheduler/scheduler.types.js';
import { adminSql, openBenchDatabase } from './bench-database.js';
import { insertDueOrders } from './due-orders.js';
import { measureIdleTick, printIdleTick } from './idle-tick.js';
import { BENCH_LIMITS } from './bench-limits.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const REGION_URL = process.env.BENCH_REGION_URL;
const TARGET_SECONDS = 10;

/** The application as the bench runs it: NODE_ENV=test keeps the timer off, its ticks are ours. */
async function openApp(databaseUrl: string): Promise<INestApplication> {
  const config = loadConfig({
    ...BENCH_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    UI_DIR: '',
    SEED_ON_EMPTY: 'false',
    ...(process.env.CARRY_OUT_BATCH ? { CARRY_OUT_BATCH: process.env.CARRY_OUT_BATCH } : {}),
  });
  const app = await createApp(config, databaseUrl);
  await app.init();
  return app;
}

interface Check {
  completed: number;
  mails: number;
  events: number;
  done: number;
  transactions: number;
  chainOk: boolean;
}

/** What the tick wrote: one ORDER_COMPLETED mail and event per order, and in how many transactions. */
async function check(app: INestApplication): Promise<Check> {
  const db = app.get<DataSource>(getDataSourceToken());
  const [row] = await db.query<Omit<Check, 'chainOk'>[]>(
    `SELECT (SELECT count(*)::int FROM vmu_order WHERE status = 'COMPLETED') AS completed,
            (SELECT count(*)::int FROM mail_outbox WHERE template = 'ORDER_COMPLETED') AS mails,
            (SELECT count(*)::int FROM audit_event WHERE action = 'ORDER_COMPLETED') AS events,
            (SELECT count(*)::int FROM vmu_order_item WHERE status = 'DONE') AS done,
            -- The orders one transaction completed share its id as their rows' xmin.
            (SELECT count(DISTINCT xmin::text)::int FROM vmu_order WHERE status = 'COMPLETED') AS transactions`,
  );
  const chain = await app.get(AuditService).verify();
  return { ...row, chainOk: chain.ok };
}

function printRun(label: string, due: number, seconds: number, reports: TickReport[], c: Check): boolean {
  const carriedOut = reports.reduce((n, r) => n + r.carriedOut, 0);
  const failed = reports.reduce((n, r) => n + r.failed.length, 0);
  console.log(`\n${label}: ${due} due orders`);
  console.log(
    `  ${seconds.toFixed(2)} s, ${(carriedOut / seconds).toFixed(0)} orders/s ` +
      `(target: ${ORDERS} in ≤ ${TARGET_SECONDS} s with one process, less with two)`,
  );
  console.log(
    `  per process: ${reports.map((r) => `${r.carriedOut} orders in ${r.carryOutBatches} transactions`).join('; ')}` +
      `; ${failed} failed`,
  );
  console.log(
    `  completed ${c.completed} in ${c.transactions} transactions, lines done ${c.done}, ` +
      `ORDER_COMPLETED mails ${c.mails}, audit events ${c.events}, audit chain ${c.chainOk ? 'verified' : 'BROKEN'}`,
  );
  return c.completed === due && c.mails === due && c.events === due && c.chainOk && carriedOut === due;
}

/** The second process: boots on the database in argv, says ready, ticks once when told, reports. */
async function worker(databaseUrl: string): Promise<void> {
  const app = await openApp(databaseUrl);
  process.on('message', (message: string) => {
    if (message !== 'tick') return;
    app
      .get(SchedulerService)
      .runTick()
      .then(
        (report) => process.send?.({ report }),
        (error: unknown) => process.send?.({ error: String(error) }),
      )
      .finally(() => void app.close().then(() => process.exit(0)));
  });
  process.send?.('ready');
}

/** Starts the second process on `databaseUrl`; ready once booted, tick() runs its one tick. */
function secondProcess(databaseUrl: string): { ready: Promise<void>; tick(): Promise<TickReport> } {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--worker', databaseUrl], {
    stdio: 'inherit',
  });
  let report: (r: TickReport) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    fail = reject;
    child.on('message', (message: 'ready' | { report?: TickReport; error?: string }) => {
      if (message === 'ready') return resolve();
      if (message.report) report(message.report);
      else fail(new Error(`second process: ${message.error}`));
    });
    child.on('exit', (code) => code !== 0 && fail(new Error(`second process exited with ${code}`)));
  });
  return {
    ready,
    tick: () =>
      new Promise<TickReport>((resolve, reject) => {
        report = resolve;
        fail = reject;
        child.send('tick');
      }),
  };
}

async function main(): Promise<void> {
  if (ORDERS > 0) await carryOut();
  if (REGION_URL) printIdleTick(`the region (${REGION_URL})`, await measureIdleTick(REGION_URL));
}

async function carryOut(): Promise<void> {
  const name = `beh_bench_${process.pid}`;
  const bench = await openBenchDatabase(name);
  const copy = `${name}_two`;
  const copyUrl = withDatabase(bench.databaseUrl, copy);
  let app: INestApplication | undefined;
  let ok = true;
  try {
    app = await openApp(bench.databaseUrl);
    let db = app.get<DataSource>(getDataSourceToken());
    const today = app.get(Clock).today();
    await insertDueOrders(db, ORDERS, today);
    // The new rows' statistics, as autovacuum would have them; the still empty audit log is left
    // unanalysed, as a live one is never empty (analysed empty, its plans would scan it).
    await db.query('ANALYZE vmu_order, vmu_order_item, held_assignment');
    const [{ due }] = await db.query<{ due: number }[]>(
      `SELECT count(*)::int AS due FROM vmu_order WHERE status = 'APPROVED' AND start_date <= $1`,
      [today],
    );
    // The same due orders for the two processes: a copy, taken while nobody is connected.
    await app.close();
    app = undefined;
    await adminSql(bench.serverUrl, `CREATE DATABASE ${copy} TEMPLATE ${name}`);

    // One process.
    app = await openApp(bench.databaseUrl);
    db = app.get<DataSource>(getDataSourceToken());
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const one = await app.get(SchedulerService).runTick();
    const oneSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    ok = printRun('One process', due, oneSeconds, [one], await check(app)) && ok;
    // The server process's own CPU: on a busy machine the wall time says more about the neighbours.
    const cpuSeconds = (micros: number) => (micros / 1e6).toFixed(2);
    console.log(
      `  server process CPU ${cpuSeconds(cpu.user + cpu.system)} s (user ${cpuSeconds(cpu.user)}, ` +
        `system ${cpuSeconds(cpu.system)})`,
    );
    await app.close();
    app = undefined;
    printIdleTick('the bench database after carrying out', await measureIdleTick(bench.databaseUrl));

    // Two processes, ticking at the same moment on the copy.
    const second = secondProcess(copyUrl);
    app = await openApp(copyUrl);
    await second.ready;
    const t1 = performance.now();
    const two = await Promise.all([app.get(SchedulerService).runTick(), second.tick()]);
    const twoSeconds = (performance.now() - t1) / 1000;
    ok = printRun('Two processes', due, twoSeconds, two, await check(app)) && ok;
    if (two.some((r) => r.carriedOut === 0)) {
      console.log('  one of the processes carried out nothing');
      ok = false;
    }
    console.log(
      `\nload average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${os.cpus().length} cores`,
    );
  } finally {
    await app?.close();
    await adminSql(bench.serverUrl, `DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`).catch(() => undefined);
    await bench.close();
  }
  if (!ok) process.exitCode = 1;
}

if (process.argv[2] === '--worker') {
  worker(process.argv[3]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
