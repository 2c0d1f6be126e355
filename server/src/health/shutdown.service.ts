import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Graceful shutdown (SIGTERM, SIGINT; Nest's shutdown hooks run the sequence):
 *
 * 1. At the signal the process is **draining**: readiness answers 503 from then on, and a
 *    deadline starts (SHUTDOWN_TIMEOUT_SECONDS; past it the process exits with code 1 whatever
 *    is still running).
 * 2. The modules stop their own work (onModuleDestroy): the scheduler claims nothing more and
 *    waits for the job in flight; the mail worker finishes and marks the mail in flight and hands
 *    the rest of its batch back.
 * 3. Requests are still served until SHUTDOWN_DRAIN_SECONDS have passed since the signal (here,
 *    beforeApplicationShutdown), so that a load balancer polling readiness stops sending first.
 * 4. Nest closes the HTTP listener and waits for the requests in flight (and so their
 *    transactions) to finish; then the database pool closes and the process exits.
 */
@Injectable()
export class ShutdownService
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Shutdown');
  private signalledAt: number | undefined;
  private readonly onSignal = (signal: NodeJS.Signals) => this.begin(signal);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** True from the shutdown signal on (or once the application is being closed). */
  get draining(): boolean {
    return this.signalledAt !== undefined;
  }

  onApplicationBootstrap(): void {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** Marks the process draining and starts the deadline; Nest's own signal handler does the rest. */
  begin(signal: string): void {
    if (this.signalledAt !== undefined) return;
    this.signalledAt = Date.now();
    const { shutdownDrainSeconds, shutdownTimeoutSeconds } = this.config.observability;
    this.logger.log(
      `${signal}: draining (readiness 503), requests served for ${shutdownDrainSeconds} s more; exit within ${shutdownTimeoutSeconds} s`,
    );
    setTimeout(() => {
      this.logger.error(`Shutdown did not finish within ${shutdownTimeoutSeconds} s: exiting now`);
      process.exit(1);
    }, shutdownTimeoutSeconds * 1000).unref();
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    // Closed by a test or a tool (no signal): nothing to drain, nobody polling readiness.
    if (!signal) return;
    this.begin(signal);
    const remaining =
      this.config.observability.shutdownDrainSeconds * 1000 - (Date.now() - this.signalledAt!);
    if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));
    this.logger.log('Closing the HTTP listener; waiting for requests in flight');
  }

  onApplicationShutdown(): void {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
    // The deadline stays (unref'd) until the process is gone: the pool may still be closing.
  }
}
