import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { describeMe, type Me } from './me.js';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { standingInFor } from '../delegations/stand-ins.reads.js';
import { findPersonSql } from '../directory/directory.reads.js';
import type { SamlSubject } from './saml/saml.service.js';
import { type AuthMethod, SessionsService } from './sessions.service.js';

/** A person found for sign-in; `active` false: gone from the directory (KIV), refused. */
export interface SignInCandidate {
  person: SessionPerson;
  active: boolean;
}

/** The Swedish refusal of an inactive person's sign-in (dev sign-in's problem, SAML's page). */
export const INACTIVE_PERSON_SIGN_IN =
  'Du finns inte längre i katalogen (KIV) och kan inte logga in i behörighetsbeställningen. Kontakta din verksamhetschef eller IT-supporten.';

/** Turns "this is person X" (from the dev page or a verified SAML assertion) into a session. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The directory's person with this VGR-ID (case-insensitive), if any, and whether they are
   * active: an inactive person (gone from KIV) is refused sign-in by the caller.
   */
  personByUserId(userId: string): Promise<SignInCandidate | undefined> {
    return this.personBy('userId', userId);
  }

  /** The directory's person with this HSA-id, the key the IdP's assertion is matched on. */
  personByHsaId(hsaId: string): Promise<SignInCandidate | undefined> {
    return this.personBy('hsaId', hsaId);
  }

  private async personBy(key: 'userId' | 'hsaId', value: string): Promise<SignInCandidate | undefined> {
    const rows = await this.db.query<SignInCandidate[]>(findPersonSql(key, '$1'), [value]);
    return rows[0];
  }

  async signIn(
    req: Request,
    res: Response,
    person: SessionPerson,
    method: AuthMethod,
    samlSubject?: SamlSubject,
  ): Promise<Me> {
    const session = await this.sessions.signIn(req, res, person, method, samlSubject);
    // Derived once, and kept for the new session's first requests.
    const [rights, standIns] = await Promise.all([
      this.sessions.rightsOf({ ...session, person }),
      standingInFor(this.db, person.id, this.clock.today()),
    ]);
    return describeMe({ person, rights }, standIns);
  }
}
