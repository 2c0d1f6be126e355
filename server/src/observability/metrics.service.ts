import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { requestMs, routeOf } from '../common/request-id.middleware.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailDeliveryService } from '../mail/mail-delivery.service.js';
import { dueOrdersWaiting } from '../orders/orders.metrics.js';
import { SchedulerService } from '../scheduler/scheduler.service.js';
import { signRequestCounts } from '../signing/signing.metrics.js';

/** The pool TypeORM's postgres driver keeps (pg.Pool): its counts are what the pool gauges show. */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Seconds: from a cached session lookup (~1 ms) to a slow export. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const TICK_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * Prometheus metrics at GET /metrics (text format 0.0.4), one registry per application:
 * request latency per route pattern and status class (observed as each response finishes), the
 * scheduler's tick time, and at each scrape the gauges that need SQL (outbox backlog, due orders
 * waiting, sign requests by state: each read through its owning module) and the database pool,
 * plus Node's default process metrics.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  private readonly logger = new Logger('Metrics');
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'beh_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly tickDuration = new Histogram({
    name: 'beh_scheduler_tick_duration_seconds',
    help: "Duration of the scheduler's ticks in this process",
    buckets: TICK_BUCKETS,
    registers: [this.registry],
  });
  private readonly outboxPending = this.gauge(
    'beh_mail_outbox_pending',
    'Mails in the outbox not yet delivered',
  );
  private readonly outboxOldest = this.gauge(
    'beh_mail_outbox_oldest_pending_age_seconds',
    'Age of the oldest undelivered mail (0 when none waits)',
  );
  private readonly dueOrders = this.gauge(
    'beh_orders_due_waiting',
    'Approved orders whose start date has come, not yet carried out',
  );
  private readonly dueOldest = this.gauge(
    'beh_orders_due_oldest_days',
    'Days since the start date of the longest-waiting due order (0 when none waits)',
  );
  private readonly signRequests = new Gauge({
    name: 'beh_sign_requests',
    help: 'Sign requests by state (pending, expired, signed, failed): created = their sum',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly pool = new Gauge({
    name: 'beh_db_pool_connections',
    help: "This process's database pool: total, idle and busy connections, and requests waiting for one",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly readFailures = new Counter({
    name: 'beh_metrics_read_failures_total',
    help: 'Scrapes whose database read of a gauge failed (the gauge keeps its last value)',
    labelNames: ['read'] as const,
    registers: [this.registry],
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly mail: MailDeliveryService,
    private readonly scheduler: SchedulerService,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    this.scheduler.onTick((seconds) => this.tickDuration.observe(seconds));
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }

  /** Express middleware: observes every request's latency when its response is finished. */
  requests(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      res.once('finish', () => {
        const status = res.statusCode;
        this.httpDuration.observe(
          { method: req.method, route: routeOf(req), status_class: `${Math.floor(status / 100)}xx` },
          requestMs(req) / 1000,
        );
      });
      next();
    };
  }

  /**
   * GET /metrics. With METRICS_TOKEN set, only `Authorization: Bearer <token>` is answered (else
   * 401); without it the endpoint does not exist (404), in every environment.
   */
  endpoint(): RequestHandler {
    const token = this.config.observability.metricsToken;
    const expected = token ? digest(token) : undefined;
    return (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      if (!expected) {
        // Answered here: past this point the UI's fallback would answer with its index page.
        res.status(404).type('application/problem+json').json({
          type: 'urn:beh:problem:not-found',
          title: 'Hittades inte',
          status: 404,
          detail: 'Sidan eller resursen finns inte.',
        });
        return;
      }
      const given = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer realm="metrics"')
          .type('application/problem+json')
          .json({
            type: 'urn:beh:problem:unauthenticated',
            title: 'Inte inloggad',
            status: 401,
            detail: 'Mätvärdena kräver rätt token (Authorization: Bearer).',
          });
        return;
      }
      this.scrape().then(
        (text) => {
          res.status(200).type(this.registry.contentType).set('Cache-Control', 'no-store').send(text);
        },
        (error: unknown) => next(error),
      );
    };
  }

  /** Reads the gauges that need the database, then renders every metric. */
  async scrape(): Promise<string> {
    const now = this.clock.now();
    const pool = (this.db.driver as unknown as { master?: PgPoolCounts }).master;
    if (pool) {
      this.pool.set({ state: 'total' }, pool.totalCount);
      this.pool.set({ state: 'idle' }, pool.idleCount);
      this.pool.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
      this.pool.set({ state: 'waiting' }, pool.waitingCount);
    }
    await Promise.all([
      this.read('outbox', async () => {
        const backlog = await this.mail.backlog();
        this.outboxPending.set(backlog.pending);
        this.outboxOldest.set(
          backlog.oldestPendingAt
            ? Math.max(0, (now.getTime() - backlog.oldestPendingAt.getTime()) / 1000)
            : 0,
        );
      }),
      this.read('due_orders', async () => {
        const today = this.clock.today();
        const due = await dueOrdersWaiting(this.db, today);
        this.dueOrders.set(due.count);
        this.dueOldest.set(due.oldestStartDate ? daysBetween(due.oldestStartDate, today) : 0);
      }),
      this.read('sign_requests', async () => {
        const counts = await signRequestCounts(this.db, now);
        for (const [state, count] of Object.entries(counts)) this.signRequests.set({ state }, count);
      }),
    ]);
    return this.registry.metrics();
  }

  private async read(name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.readFailures.inc({ read: name });
      this.logger.warn(
        `Metrics: reading ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function daysBetween(from: string, to: string): number {
  return Math.max(
    0,
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000),
  );
}
