/**
 * Carry-out benchmark: 10,000 approved orders due at once (grants over the generated staff and
 * the catalogue, and revokes of what the seed's staff hold), then one scheduler tick, timed,
 * which carries them all out: holdings, lines DONE, feedback, ORDER_COMPLETED mail and audit
 * event, one transaction per order.
 *
 *   npm run bench:carry-out                             embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:carry-out   a throwaway database on that server
 *   BENCH_ORDERS=2000 npm run bench:carry-out           another number of orders
 *
 * Prints the time and orders per second; the target is under 30 s for 10,000.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { openBenchDatabase } from './bench-database.js';
import { insertDueOrders } from './due-orders.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);

async function main(): Promise<void> {
  const bench = await openBenchDatabase(`beh_bench_${process.pid}`);
  const { databaseUrl } = bench;
  let app: INestApplication | undefined;
  try {
    // NODE_ENV=test: the scheduler's timer stays off, the tick below is the only one.
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', UI_DIR: '', SEED_ON_EMPTY: 'false' });
    app = await createApp(config, databaseUrl);
    await app.init();
    const db = app.get<DataSource>(getDataSourceToken());
    const today = app.get(Clock).today();
    await insertDueOrders(db, ORDERS, today);
    // The new rows' statistics, as autovacuum would have them; the still empty audit log is left
    // unanalysed, as a live one is never empty (analysed empty, its plans would scan it).
    await db.query('ANALYZE vmu_order, vmu_order_item, held_assignment');
    const [{ due }] = await db.query<{ due: number }[]>(
      `SELECT count(*)::int AS due FROM vmu_order WHERE status = 'APPROVED' AND start_date <= $1`,
      [today],
    );

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const report = await app.get(SchedulerService).runTick();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);

    const [check] = await db.query<{ completed: number; mails: number; events: number; done: number }[]>(
      `SELECT (SELECT count(*)::int FROM vmu_order WHERE status = 'COMPLETED') AS completed,
              (SELECT count(*)::int FROM mail_outbox WHERE template = 'ORDER_COMPLETED') AS mails,
              (SELECT count(*)::int FROM audit_event WHERE action = 'ORDER_COMPLETED') AS events,
              (SELECT count(*)::int FROM vmu_order_item WHERE status = 'DONE') AS done`,
    );
    const chain = await app.get(AuditService).verify();
    console.log(`carry-out of ${due} due orders in one tick (${report.failed.length} failed)`);
    console.log(
      `${seconds.toFixed(2)} s, ${(report.carriedOut / seconds).toFixed(0)} orders/s (target: ${ORDERS} in < 30 s)`,
    );
    // The server process's own CPU: on a busy machine the wall time says more about the neighbours.
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    const cpuSeconds = (micros: number) => (micros / 1e6).toFixed(2);
    console.log(
      `server process CPU ${cpuSeconds(cpu.user + cpu.system)} s (user ${cpuSeconds(cpu.user)}, ` +
        `system ${cpuSeconds(cpu.system)}); load average ${load}`,
    );
    console.log(
      `completed ${check.completed}, lines done ${check.done}, ORDER_COMPLETED mails ${check.mails}, ` +
        `audit events ${check.events}, audit chain ${chain.ok ? 'verified' : 'BROKEN'}`,
    );
    if (check.completed !== due || check.mails !== due || check.events !== due || !chain.ok) {
      process.exitCode = 1;
    }
  } finally {
    await app?.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
