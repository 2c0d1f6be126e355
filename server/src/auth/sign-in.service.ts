import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { describeMe, type Me } from './me.js';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { RightsService } from '../delegations/rights.service.js';
import { type AuthMethod, SessionsService } from './sessions.service.js';

const PERSON_COLUMNS = `id, user_id AS "userId", hsa_id AS "hsaId", first_name AS "firstName", last_name AS "lastName",
  title, email, is_administrator AS "isAdministrator"`;

/** Turns "this is person X" (from the dev page or a verified SAML assertion) into a session. */
@Injectable()
export class SignInService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly rights: RightsService,
  ) {}

  /** The directory's person with this VGR-ID (case-insensitive), if any. */
  async personByUserId(userId: string): Promise<SessionPerson | undefined> {
    const rows = await this.db.query<SessionPerson[]>(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE lower(user_id) = lower($1)`,
      [userId],
    );
    return rows[0];
  }

  /** The directory's person with this HSA-id, the key the IdP's assertion is matched on. */
  async personByHsaId(hsaId: string): Promise<SessionPerson | undefined> {
    const rows = await this.db.query<SessionPerson[]>(
      `SELECT ${PERSON_COLUMNS} FROM person WHERE upper(hsa_id) = upper($1)`,
      [hsaId],
    );
    return rows[0];
  }

  async signIn(req: Request, res: Response, person: SessionPerson, method: AuthMethod): Promise<Me> {
    await this.sessions.signIn(req, res, person, method);
    return describeMe({ person, rights: await this.rights.forPerson(person) });
  }
}
