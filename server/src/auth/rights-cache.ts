import type { SessionPerson } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import type { RightsSubject, VersionedRights } from '../delegations/rights.service.js';

/**
 * How many sessions' rights one process keeps. A Rights value is a few kB at most (one entry per
 * unit the person heads or is delegated for), so the cache stays within tens of MB; a session
 * pushed out merely has its rights derived again (one query) at its next request.
 */
export const RIGHTS_CACHE_SIZE = 20_000;

interface Entry {
  personId: string;
  userId: string;
  isAdministrator: boolean;
  today: string;
  /**
   * The person's rights version the rights hold for: while deriving, the version read with the
   * session (the derivation sees that state or a later one); once derived, the version read in
   * the derivation's own statement.
   */
  version: string;
  rights: Promise<Rights>;
}

/**
 * A session's derived rights, kept between its requests in this process: a bounded LRU map from
 * the session's id to the rights and everything they were derived from that can change —
 *
 * - the person's rights version (`rights_version`, read with the session at every request), which
 *   the database changes in the same transaction as any delegation or headship they derive from;
 * - Stockholm's date (a delegation begins and ends with the day, without any write);
 * - the person's administrator flag and VGR-ID (ADMIN_USER_IDS), read with the session too.
 *
 * An entry is used only while all of them are equal to what this request read, so a change made
 * by any process is seen at the next request, and the session itself is read from the database
 * at every request (logged out, expired or revoked: no session, no rights). Two requests of one
 * session that miss together share one derivation.
 */
export class RightsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly derive: (person: RightsSubject, today: string) => Promise<VersionedRights>,
    private readonly capacity = RIGHTS_CACHE_SIZE,
  ) {}

  /**
   * The rights of `person` in session `sessionId` on `today`. `version` is the person's rights
   * version read with the session by this request; undefined (a session made by this request)
   * always derives, and keeps the result for the next request.
   */
  rightsOf(
    sessionId: string,
    person: SessionPerson,
    version: string | undefined,
    today: string,
  ): Promise<Rights> {
    const entry = this.entries.get(sessionId);
    if (
      entry !== undefined &&
      version !== undefined &&
      entry.version === version &&
      entry.today === today &&
      entry.personId === person.id &&
      entry.userId === person.userId &&
      entry.isAdministrator === person.isAdministrator
    ) {
      // Most recently used last: the Map's order is the eviction order.
      this.entries.delete(sessionId);
      this.entries.set(sessionId, entry);
      return entry.rights;
    }
    return this.derived(sessionId, person, version, today);
  }

  /** Forgets a session's rights (signed out, or its row is gone). */
  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  get size(): number {
    return this.entries.size;
  }

  private derived(
    sessionId: string,
    person: SessionPerson,
    version: string | undefined,
    today: string,
  ): Promise<Rights> {
    const derivation = this.derive(person, today);
    const entry: Entry = {
      personId: person.id,
      userId: person.userId,
      isAdministrator: person.isAdministrator,
      today,
      // Not shared by anyone until derived when the session's version is unknown.
      version: version ?? '',
      rights: derivation.then((d) => d.rights),
    };
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    derivation.then(
      (d) => {
        entry.version = d.version;
      },
      () => {
        // A failed derivation is not kept: the next request tries again.
        if (this.entries.get(sessionId) === entry) this.entries.delete(sessionId);
      },
    );
    return entry.rights;
  }
}
