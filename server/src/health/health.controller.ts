import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheckService, type HealthCheckResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Public } from '../common/auth/policy.js';
import { ShutdownService } from './shutdown.service.js';

/** The answer of the health check (a class only so that the OpenAPI description shows it). */
export class HealthStatus {
  @Prop.oneOf(['ok', 'error'], 'HealthState') status!: 'ok' | 'error';
  @Prop.oneOf(['up', 'down'], 'DatabaseState') database!: 'up' | 'down';
  @Prop.oneOf(['current', 'pending', 'unknown'], 'MigrationState') migrations!:
    'current' | 'pending' | 'unknown';
}

/** Terminus' answer: each check by name with its status ('up' or 'down') and what it found. */
export class HealthCheckAnswer {
  @Prop.oneOf(['ok', 'error', 'shutting_down'], 'HealthCheckState') status!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: {}, description: 'Checks that are up' })
  info?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: {}, description: 'Checks that are down' })
  error?: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: {}, description: 'Every check' })
  details!: Record<string, unknown>;
}

/** A database that does not answer SELECT 1 within this long counts as down. */
const PING_TIMEOUT_MS = 2_000;

/**
 * Health for load balancers and orchestrators; public (they ask without signing in) and telling
 * nothing else. `live`: the process answers (restart it if not). `ready`: send it traffic, i.e.
 * the database answers, its migrations are current and the process is not shutting down.
 * `GET /api/health` is the readiness of the database and migrations in the portal's own shape.
 */
@Controller('health')
@ApiTags('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthStatus })
  @ApiServiceUnavailableResponse({ type: HealthStatus, description: 'The database is down or not migrated.' })
  async status(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    let database: HealthStatus['database'] = 'down';
    let migrations: HealthStatus['migrations'] = 'unknown';
    try {
      await this.dataSource.query('SELECT 1');
      database = 'up';
      migrations = (await this.dataSource.showMigrations()) ? 'pending' : 'current';
    } catch {
      // Reported below as a 503: the load balancer takes this instance out.
    }
    const ok = database === 'up' && migrations === 'current';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ok ? 'ok' : 'error', database, migrations };
  }

  /** Liveness: the process runs and its event loop answers. Needs no database. */
  @Get('live')
  @Public()
  @ApiOkResponse({ type: HealthCheckAnswer })
  async live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const answer = await this.answer(res, [() => this.indicators.check('process').up({ pid: process.pid })]);
    // Terminus calls every check 'shutting_down' once the shutdown hooks run; a draining process
    // is still alive (readiness says it wants no traffic), and must not be restarted for it.
    if (answer.status === 'shutting_down') {
      res.status(HttpStatus.OK);
      return { ...answer, status: 'ok' };
    }
    return answer;
  }

  /** Readiness: 503 while the database is unreachable, migrations are pending, or the process drains. */
  @Get('ready')
  @Public()
  @ApiOkResponse({ type: HealthCheckAnswer })
  @ApiServiceUnavailableResponse({
    type: HealthCheckAnswer,
    description: 'The database is down, not migrated, or the process is shutting down.',
  })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.answer(res, [
      () =>
        this.shutdown.draining
          ? this.indicators.check('shutdown').down({ draining: true })
          : this.indicators.check('shutdown').up({ draining: false }),
      async () => {
        const check = this.indicators.check('database');
        try {
          await withTimeout(this.dataSource.query('SELECT 1'), PING_TIMEOUT_MS);
          return check.up();
        } catch (error) {
          return check.down({ message: error instanceof Error ? error.message : 'unreachable' });
        }
      },
      async () => {
        const check = this.indicators.check('migrations');
        try {
          const pending = await withTimeout(this.dataSource.showMigrations(), PING_TIMEOUT_MS);
          return pending ? check.down({ pending: true }) : check.up({ pending: false });
        } catch {
          return check.down({ pending: 'unknown' });
        }
      },
    ]);
  }

  /** Terminus throws its 503 answer; it is returned as the body instead of becoming a problem. */
  private async answer(
    res: Response,
    checks: Parameters<HealthCheckService['check']>[0],
  ): Promise<HealthCheckResult> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as HealthCheckResult;
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
