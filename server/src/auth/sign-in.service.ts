import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { describeMe, type Me } from './me.js';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { findPersonSql } from '../directory/directory.reads.js';
import { type AuthMethod, SessionsService } from './sessions.service.js';

/** Turns "this is person X" (from the dev page or a verified SAML assertion) into a session. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /** The directory's person with this VGR-ID (case-insensitive), if any. */
  personByUserId(userId: string): Promise<SessionPerson | undefined> {
    return this.personBy('userId', userId);
  }

  /** The directory's person with this HSA-id, the key the IdP's assertion is matched on. */
  personByHsaId(hsaId: string): Promise<SessionPerson | undefined> {
    return this.personBy('hsaId', hsaId);
  }

  private async personBy(key: 'userId' | 'hsaId', value: string): Promise<SessionPerson | undefined> {
    const rows = await this.db.query<{ person: SessionPerson }[]>(findPersonSql(key, '$1'), [value]);
    return rows[0]?.person;
  }

  async signIn(req: Request, res: Response, person: SessionPerson, method: AuthMethod): Promise<Me> {
    const session = await this.sessions.signIn(req, res, person, method);
    // Derived once, and kept for the new session's first requests.
    return describeMe({ person, rights: await this.sessions.rightsOf({ ...session, person }) });
  }
}
