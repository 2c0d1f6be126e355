import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type SignInSweep, sweepSignIns } from '../auth/sign-in-sweep.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { sweepSignServiceRequests } from '../sign-service/sign-service-sweep.js';

/**
 * Deletes ended sessions and SAML requests that can no longer be answered, at every tick, so
 * that neither waits for a sign-in (or for ever) to go. The rows are the auth module's; it says
 * which are ended (sign-in-sweep.ts). So too the requests of BEH's own signing service a day
 * after they expired (the sign-service module's, sign-service-sweep.ts).
 */
@Injectable()
export class SessionSweepJob {
  private readonly logger = new Logger('SessionSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<SignInSweep & { signServiceRequests: number }> {
    const now = this.clock.now();
    const swept = await sweepSignIns(this.db, now, this.config.auth);
    const signServiceRequests = await sweepSignServiceRequests(this.db, now);
    if (swept.sessions > 0 || swept.samlRequests > 0 || signServiceRequests > 0) {
      this.logger.log(
        `Swept ${swept.sessions} ended sessions, ${swept.samlRequests} SAML requests and ${signServiceRequests} signing service requests`,
      );
    }
    return { ...swept, signServiceRequests };
  }
}
