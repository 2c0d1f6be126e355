import { ConfigError, type Env, type NodeEnv, port, seconds, url } from './env.js';

/** Where the outbox's mail goes and how its delivery worker retries. */
export interface MailConfig {
  /** Where mail is delivered; undefined outside production means "start the built-in catcher". */
  smtpUrl: string | undefined;
  from: string;
  /** How often the delivery worker looks for due mail; 0 = never by itself (tests call deliverDue). */
  pollSeconds: number;
  /** First retry delay after a failed delivery; each further failure doubles it up to the maximum. */
  retryBaseSeconds: number;
  retryMaxSeconds: number;
  /** SMTP port of the development mail catcher (its web view is /mail on the portal). */
  catcherSmtpPort: number;
}

export function loadMailConfig(env: Env, nodeEnv: NodeEnv): MailConfig {
  const smtpUrl = url(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  // The catcher swallows every mail: in production that would silently drop attest requests.
  if (!smtpUrl && nodeEnv === 'production') {
    throw new ConfigError('SMTP_URL', 'must be set in production (the mail catcher is for development only)');
  }
  const from = env.MAIL_FROM || 'BEH Behörighetsbeställning <no-reply@beh.localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(from)) {
    throw new ConfigError('MAIL_FROM', `must be an address or "Name <address>" (got '${from}')`);
  }
  const retryBaseSeconds = seconds(env, 'MAIL_RETRY_BASE_SECONDS', 30, 1);
  const retryMaxSeconds = seconds(env, 'MAIL_RETRY_MAX_SECONDS', 900, 1);
  if (retryMaxSeconds < retryBaseSeconds) {
    throw new ConfigError('MAIL_RETRY_MAX_SECONDS', 'must not be less than MAIL_RETRY_BASE_SECONDS');
  }
  return {
    smtpUrl,
    from,
    pollSeconds: seconds(env, 'MAIL_POLL_SECONDS', 5, 0),
    retryBaseSeconds,
    retryMaxSeconds,
    catcherSmtpPort: port(env, 'MAIL_CATCHER_SMTP_PORT', 1025),
  };
}
