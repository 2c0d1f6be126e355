import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { filterString, type RawListQuery } from '../common/list-query.js';
import { Prop } from '../common/api-schema.js';
import { ProblemException } from '../common/problem.js';
import {
  type FilterSql,
  idFilter,
  likeEscape,
  type Page,
  type SearchSpec,
  searchRows,
} from '../common/sql.js';
import { MAIL_STATUSES, type MailStatus } from './entities/mail-outbox.entity.js';
import { isUuid } from '../common/uuid.js';

/**
 * An outbox row as the admin grid sees it; the bodies only in the single-mail view. A class only
 * so that its decorators describe it in the OpenAPI description; never instantiated.
 */
export class OutboxListItem {
  @Prop.id() id!: string;
  @Prop.text({ nullable: true }) to!: string | null;
  @Prop.text() subject!: string;
  @Prop.text() template!: string;
  @Prop.text({ nullable: true }) relatedType!: string | null;
  @Prop.text({ nullable: true }) relatedId!: string | null;
  @Prop.oneOf(MAIL_STATUSES, 'MailStatus') status!: MailStatus;
  @Prop.int() attempts!: number;
  @Prop.dateTime() nextAttemptAt!: Date;
  @Prop.text({ nullable: true }) lastError!: string | null;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime({ nullable: true }) sentAt!: Date | null;
}

export class OutboxMail extends OutboxListItem {
  @Prop.text() text!: string;
  @Prop.text() html!: string;
}

const COLUMNS = `m.id, m.to_address AS "to", m.subject, m.template, m.related_type AS "relatedType",
  m.related_id AS "relatedId", m.status, m.attempts, m.next_attempt_at AS "nextAttemptAt",
  m.last_error AS "lastError", m.created_at AS "createdAt", m.sent_at AS "sentAt"`;

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

/** One status or a list of them. */
const statusFilter: FilterSql = (filter, key, p) => {
  const value = filter[key];
  if (value === undefined || value === '') return undefined;
  const statuses = [value].flat();
  if (!statuses.every((s) => (MAIL_STATUSES as readonly unknown[]).includes(s))) {
    throw bad(`Filtret ${key} måste vara något av ${MAIL_STATUSES.join(', ')}.`);
  }
  return `m.status = ANY(${p.add(statuses)}::varchar[])`;
};

/** The start of the recipient's address, case-insensitive (through the lower(to_address) index). */
const toFilter: FilterSql = (filter, key, p) => {
  const to = filterString(filter, key);
  return to ? `lower(m.to_address) LIKE lower(${p.add(likeEscape(to.trim()))}) || '%'` : undefined;
};

/** Text anywhere in the address or the subject, or exactly the id of what the mail is about. */
const textFilter: FilterSql = (filter, key, p) => {
  const q = filterString(filter, key);
  if (!q) return undefined;
  const word = p.add(`%${likeEscape(q.trim())}%`);
  return `m.to_address ILIKE ${word} OR m.subject ILIKE ${word} OR m.related_id = ${p.add(q.trim())}`;
};

const equals =
  (column: string): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key);
    return value ? `${column} = ${p.add(value)}` : undefined;
  };

/**
 * The outbox as administrators list it, newest first. Every mail ever sent stays: listed by
 * searchRows, so a page reads only its own rows and the total is counted apart.
 */
export const OUTBOX_LIST: SearchSpec = {
  resource: 'outbox',
  select: COLUMNS,
  from: 'mail_outbox m',
  idColumn: 'm.id',
  filters: {
    id: idFilter('m.id'),
    status: statusFilter,
    to: toFilter,
    q: textFilter,
    template: equals('m.template'),
    relatedType: equals('m.related_type'),
    relatedId: equals('m.related_id'),
  },
  sortable: {
    createdAt: 'm.created_at',
    sentAt: 'm.sent_at',
    nextAttemptAt: 'm.next_attempt_at',
    status: 'm.status',
    to: 'm.to_address',
    subject: 'm.subject',
    attempts: 'm.attempts',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreak: 'm.id',
  // Not yet sent, and failed for want of an address.
  nullsLast: ['sentAt', 'to'],
};

export function listOutbox(db: DataSource, raw: RawListQuery): Promise<Page<OutboxListItem>> {
  // No filter of the outbox depends on the day: its times are instants.
  return searchRows<OutboxListItem>(db, OUTBOX_LIST, raw, { today: '' });
}

export async function findOutboxMail(db: DataSource, id: string): Promise<OutboxMail | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<OutboxMail[]>(
    `SELECT ${COLUMNS}, m.text_body AS text, m.html_body AS html FROM mail_outbox m WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}
