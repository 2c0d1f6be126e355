import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PgThrottlerStorage } from './pg-throttler-storage.js';
import { RateLimitGuard } from './rate-limit.guard.js';

/**
 * Rate limits on sign-in, person lookups, signing and exports (limited-routes.ts), counted in
 * PostgreSQL so that every instance shares them (table rate_limit). Imported after the auth
 * module, so that its guard runs after the AuthGuard and knows who is signed in.
 */
@Module({
  providers: [PgThrottlerStorage, { provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [PgThrottlerStorage],
})
export class LimitsModule {}
