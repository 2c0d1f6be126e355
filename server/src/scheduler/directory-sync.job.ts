import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DirectorySyncService, type SyncOutcome } from '../directory/ldap/directory-sync.service.js';

/**
 * The directory read from KIV at the scheduler's tick (issue 15), in ldap mode only: a full pass
 * every LDAP_SYNC_FULL_HOURS, an incremental one every LDAP_SYNC_INCREMENTAL_MINUTES, whichever
 * is due. The tick waits for it, so the jobs after it (leavers above all) see the directory as
 * KIV has it now; a region's full pass (under two minutes, once a day) delays that tick's other
 * jobs by as much. One instance syncs at a time (the sync's advisory lock); the others go on.
 */
@Injectable()
export class DirectorySyncJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sync: DirectorySyncService,
  ) {}

  /** Runs the sync that is due, if any, to its end; undefined when none ran here. */
  async run(): Promise<SyncOutcome | undefined> {
    if (this.config.directory.source !== 'ldap') return undefined;
    return this.sync.run('SCHEDULER');
  }
}
