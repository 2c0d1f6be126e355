import { ConfigError, type Env, url, wholeNumber } from './env.js';

/**
 * Where the audit chain head is anchored outside the database (docs/architecture.md, "audit"):
 * a signed checkpoint of the head, made on a schedule and published to the application log
 * always, and to a mail address and/or a URL when configured.
 */
export interface AuditConfig {
  /** Minutes between anchors (AUDIT_ANCHOR_INTERVAL_MINUTES; 0: none are made). */
  anchorIntervalMinutes: number;
  /** Mail address each anchor is sent to, through the outbox (AUDIT_ANCHOR_MAIL). */
  anchorMail: string | undefined;
  /** URL each anchor is POSTed to as JSON (AUDIT_ANCHOR_URL). */
  anchorUrl: string | undefined;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function loadAuditConfig(env: Env): AuditConfig {
  const anchorMail = env.AUDIT_ANCHOR_MAIL?.trim() || undefined;
  if (anchorMail !== undefined && !ADDRESS.test(anchorMail)) {
    throw new ConfigError('AUDIT_ANCHOR_MAIL', `must be a mail address (got '${anchorMail}')`);
  }
  return {
    anchorIntervalMinutes: wholeNumber(env, 'AUDIT_ANCHOR_INTERVAL_MINUTES', 60, 0, 7 * 24 * 60),
    anchorMail,
    anchorUrl: url(env, 'AUDIT_ANCHOR_URL', ['https:', 'http:']),
  };
}
