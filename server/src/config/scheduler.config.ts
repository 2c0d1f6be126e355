import { bool, ConfigError, type Env, type NodeEnv, seconds, wholeNumber } from './env.js';

/** The scheduler's tick and the days after which it reminds, escalates and gives notice. */
export interface SchedulerConfig {
  /** Tick by itself (SCHEDULER_ENABLED); off by default in tests, which call runTick() themselves. */
  enabled: boolean;
  /** Seconds between ticks (SCHEDULER_INTERVAL_SECONDS). */
  intervalSeconds: number;
  /** An order awaiting attest longer than this many days reminds its attestant once (ATTEST_REMINDER_DAYS). */
  attestReminderDays: number;
  /** …and after this many days the head of the unit is told once (ATTEST_ESCALATION_DAYS). */
  attestEscalationDays: number;
  /** Delegate and head of unit are told this many days before a delegation ends (DELEGATION_NOTICE_DAYS). */
  delegationNoticeDays: number;
  /** Due orders carried out together in one transaction (CARRY_OUT_BATCH). */
  carryOutBatch: number;
}

export function loadSchedulerConfig(env: Env, nodeEnv: NodeEnv): SchedulerConfig {
  const attestReminderDays = wholeNumber(env, 'ATTEST_REMINDER_DAYS', 3, 1, 365);
  const attestEscalationDays = wholeNumber(env, 'ATTEST_ESCALATION_DAYS', 7, 1, 365);
  // The head of unit hears of an order only after its attestant has been reminded of it.
  if (attestEscalationDays < attestReminderDays) {
    throw new ConfigError('ATTEST_ESCALATION_DAYS', 'must not be less than ATTEST_REMINDER_DAYS');
  }
  return {
    // A test that wants time to pass sets the clock and calls runTick(); a timer would race it.
    enabled: bool(env, 'SCHEDULER_ENABLED', nodeEnv !== 'test'),
    intervalSeconds: seconds(env, 'SCHEDULER_INTERVAL_SECONDS', 60, 1),
    attestReminderDays,
    attestEscalationDays,
    delegationNoticeDays: wholeNumber(env, 'DELEGATION_NOTICE_DAYS', 14, 1, 365),
    carryOutBatch: wholeNumber(env, 'CARRY_OUT_BATCH', 200, 1, 5000),
  };
}
