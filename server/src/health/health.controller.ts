import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { Public } from '../common/auth/policy.js';

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Public: load balancers and monitoring ask without signing in; it reveals nothing else. */
  @Get()
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    let database = 'down';
    let migrations = 'unknown';
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
