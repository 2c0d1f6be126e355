import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { MailOutbox, MailStatus } from './entities/mail-outbox.entity.js';
import {
  type MailTemplate,
  type MailTemplateData,
  relatedEntity,
  renderTemplate,
} from './templates/index.js';

export interface MailRequest<T extends MailTemplate> {
  /** The recipient's address as the directory has it; a person without one still gets a (FAILED) row. */
  to: string | null | undefined;
  template: T;
  data: MailTemplateData[T];
}

export interface QueuedMail {
  id: string;
  status: MailStatus;
}

// Deliberately loose: the SMTP server is the judge; this only keeps out what cannot be an address.
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/**
 * Writes mail to the outbox. It never talks to an SMTP server: the row is part of the caller's
 * transaction, so the mail exists exactly when the change that caused it was committed, and
 * MailDeliveryService sends it afterwards.
 */
@Injectable()
export class MailService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Renders `template` in Swedish and stores it in the caller's transaction (`manager`). */
  async enqueue<T extends MailTemplate>(
    manager: EntityManager,
    request: MailRequest<T>,
  ): Promise<QueuedMail> {
    const [queued] = await this.enqueueMany(manager, [request]);
    return queued;
  }

  /**
   * Several mails in one insert, each as enqueue() would store it: a batch attest of hundreds of
   * orders mails each order's orderer without hundreds of round trips inside its transaction. The
   * rows go as one array per column (`unnest`), so the statement's text is the same however many
   * mails there are: a carry-out batch's 200 mails used to be a VALUES list of 2,600 parameters,
   * whose building took TypeORM longer than PostgreSQL took to insert them. The ids are made here
   * (random, as the column's default makes them), so no RETURNING has to be matched to the rows.
   */
  async enqueueMany<T extends MailTemplate>(
    manager: EntityManager,
    requests: readonly MailRequest<T>[],
  ): Promise<QueuedMail[]> {
    if (requests.length === 0) return [];
    const now = this.clock.now();
    const rows = requests.map((request): MailOutbox => {
      const rendered = renderTemplate(request.template, request.data, this.config.publicUrl);
      const related = relatedEntity(request.data);
      const to = request.to?.trim() || null;
      const problem = !to
        ? 'Mottagaren saknar e-postadress.'
        : !ADDRESS.test(to)
          ? 'Ogiltig e-postadress.'
          : null;
      return {
        id: randomUUID(),
        to: to ? to.slice(0, 254) : null,
        subject: rendered.subject.slice(0, 500),
        text: rendered.text,
        html: rendered.html,
        template: request.template,
        relatedType: related.type,
        relatedId: related.id,
        // Undeliverable as addressed: kept and visible to administrators instead of retried forever.
        status: problem ? 'FAILED' : 'PENDING',
        attempts: 0,
        nextAttemptAt: now,
        lastError: problem,
        createdAt: now,
        sentAt: null,
      };
    });
    const column = <K extends keyof MailOutbox>(key: K) => rows.map((row) => row[key]);
    await manager.query(
      `INSERT INTO mail_outbox (id, to_address, subject, text_body, html_body, template, related_type,
                                related_id, status, last_error, attempts, next_attempt_at, created_at)
       SELECT m.id, m.to_address, m.subject, m.text_body, m.html_body, m.template, m.related_type,
              m.related_id, m.status, m.last_error, 0, $11, $11
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::varchar[],
                     $7::varchar[], $8::varchar[], $9::varchar[], $10::text[])
              AS m(id, to_address, subject, text_body, html_body, template, related_type, related_id,
                   status, last_error)`,
      [
        column('id'),
        column('to'),
        column('subject'),
        column('text'),
        column('html'),
        column('template'),
        column('relatedType'),
        column('relatedId'),
        column('status'),
        column('lastError'),
        now,
      ],
    );
    return rows.map((row) => ({ id: row.id, status: row.status }));
  }
}
