import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../server/src/config/app-config.js';

function refused(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('scheduler configuration', () => {
  it('ticks every minute with 3 and 7 days for reminder and escalation and 14 for delegations', () => {
    expect(loadConfig({}).scheduler).toEqual({
      enabled: true,
      intervalSeconds: 60,
      attestReminderDays: 3,
      attestEscalationDays: 7,
      delegationNoticeDays: 14,
      carryOutBatch: 200,
    });
  });

  it('is off in tests unless a test turns it on (they set the clock and call runTick)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).scheduler.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', SCHEDULER_ENABLED: 'true' }).scheduler.enabled).toBe(true);
    expect(loadConfig({ SCHEDULER_ENABLED: 'false' }).scheduler.enabled).toBe(false);
  });

  it('takes its numbers from the environment and names a bad one', () => {
    expect(
      loadConfig({
        SCHEDULER_INTERVAL_SECONDS: '5',
        ATTEST_REMINDER_DAYS: '2',
        ATTEST_ESCALATION_DAYS: '2',
        DELEGATION_NOTICE_DAYS: '30',
        CARRY_OUT_BATCH: '50',
      }).scheduler,
    ).toMatchObject({
      intervalSeconds: 5,
      attestReminderDays: 2,
      attestEscalationDays: 2,
      delegationNoticeDays: 30,
      carryOutBatch: 50,
    });
    expect(refused({ SCHEDULER_INTERVAL_SECONDS: '0' })).toBe('SCHEDULER_INTERVAL_SECONDS');
    expect(refused({ SCHEDULER_INTERVAL_SECONDS: 'often' })).toBe('SCHEDULER_INTERVAL_SECONDS');
    expect(refused({ SCHEDULER_ENABLED: 'maybe' })).toBe('SCHEDULER_ENABLED');
    expect(refused({ ATTEST_REMINDER_DAYS: '0' })).toBe('ATTEST_REMINDER_DAYS');
    expect(refused({ DELEGATION_NOTICE_DAYS: '-1' })).toBe('DELEGATION_NOTICE_DAYS');
    expect(refused({ CARRY_OUT_BATCH: '0' })).toBe('CARRY_OUT_BATCH');
    expect(refused({ CARRY_OUT_BATCH: '10000' })).toBe('CARRY_OUT_BATCH');
    // The head of unit hears of a waiting order only after its attestant was reminded.
    expect(refused({ ATTEST_REMINDER_DAYS: '5', ATTEST_ESCALATION_DAYS: '4' })).toBe(
      'ATTEST_ESCALATION_DAYS',
    );
  });
});
