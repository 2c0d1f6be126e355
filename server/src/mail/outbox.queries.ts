import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { filterString, type ListQuery, parseListQuery, type RawListQuery } from '../common/list-query.js';
import { Prop } from '../common/api-schema.js';
import { ProblemException } from '../common/problem.js';
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

const SORTABLE: Record<string, string> = {
  createdAt: 'm.created_at',
  sentAt: 'm.sent_at',
  nextAttemptAt: 'm.next_attempt_at',
  status: 'm.status',
  to: 'm.to_address',
  subject: 'm.subject',
  attempts: 'm.attempts',
};

const FILTERS = ['id', 'status', 'to', 'q', 'template', 'relatedType', 'relatedId'];

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereClauses(filter: ListQuery['filter'], values: unknown[]): string[] {
  const p = (value: unknown) => `$${values.push(value)}`;
  const unknown = Object.keys(filter).filter((key) => !FILTERS.includes(key));
  if (unknown.length) throw bad(`Det går inte att filtrera på ${unknown.join(', ')}.`);
  const where: string[] = [];
  const ids = filter.id === undefined ? undefined : [filter.id].flat();
  if (ids) {
    if (!ids.every((id) => isUuid(id))) throw bad('Filtret id måste vara giltiga id.');
    where.push(`m.id = ANY(${p(ids)}::uuid[])`);
  }
  const statuses = filter.status === undefined || filter.status === '' ? undefined : [filter.status].flat();
  if (statuses) {
    if (!statuses.every((s) => (MAIL_STATUSES as readonly unknown[]).includes(s))) {
      throw bad(`Filtret status måste vara något av ${MAIL_STATUSES.join(', ')}.`);
    }
    where.push(`m.status = ANY(${p(statuses)}::varchar[])`);
  }
  const to = filterString(filter, 'to');
  if (to) where.push(`lower(m.to_address) LIKE lower(${p(likeEscape(to.trim()))}) || '%'`);
  const q = filterString(filter, 'q');
  if (q) {
    const word = p(`%${likeEscape(q.trim())}%`);
    where.push(`(m.to_address ILIKE ${word} OR m.subject ILIKE ${word} OR m.related_id = ${p(q.trim())})`);
  }
  for (const [key, column] of [
    ['template', 'm.template'],
    ['relatedType', 'm.related_type'],
    ['relatedId', 'm.related_id'],
  ] as const) {
    const value = filterString(filter, key);
    if (value) where.push(`${column} = ${p(value)}`);
  }
  return where;
}

export async function listOutbox(
  db: DataSource,
  raw: RawListQuery,
): Promise<{ items: OutboxListItem[]; offset: number; total: number }> {
  const query = parseListQuery(raw, SORTABLE, ['createdAt', 'DESC']);
  const values: unknown[] = [];
  const where = whereClauses(query.filter, values);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await db.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM mail_outbox m ${whereSql}`,
    values,
  );
  const items = await db.query<OutboxListItem[]>(
    `SELECT ${COLUMNS} FROM mail_outbox m ${whereSql}
      ORDER BY ${query.sortSql} NULLS LAST, m.id
      LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, query.limit, query.offset],
  );
  return { items, offset: query.offset, total };
}

export async function findOutboxMail(db: DataSource, id: string): Promise<OutboxMail | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<OutboxMail[]>(
    `SELECT ${COLUMNS}, m.text_body AS text, m.html_body AS html FROM mail_outbox m WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}
