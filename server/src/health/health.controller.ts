import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Public } from '../common/auth/policy.js';

/** The answer of the health check (a class only so that the OpenAPI description shows it). */
export class HealthStatus {
  @Prop.oneOf(['ok', 'error'], 'HealthState') status!: 'ok' | 'error';
  @Prop.oneOf(['up', 'down'], 'DatabaseState') database!: 'up' | 'down';
  @Prop.oneOf(['current', 'pending', 'unknown'], 'MigrationState') migrations!:
    'current' | 'pending' | 'unknown';
}

@Controller('health')
@ApiTags('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Public: load balancers and monitoring ask without signing in; it reveals nothing else. */
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthStatus })
  @ApiServiceUnavailableResponse({ type: HealthStatus, description: 'The database is down or not migrated.' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
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
}
