import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { administratorsOfSystems } from '../access-catalogue/system-administrators.reads.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { readAccessOrderFacts } from '../orders/access-handover.js';
import { FulfilmentService } from './fulfilment.service.js';
import { PART_COLUMNS, type PartRecord } from './parts.js';
import { addWorkingDays } from './working-days.js';

/** An urgent part is reminded of after this long, and again after as long. */
export const URGENT_REMINDER_MS = 4 * 3_600_000;
/** Any other part after this many working days (Monday–Friday), and again after as many. */
export const REMINDER_WORKING_DAYS = 3;
const BATCH = 100;

const stockholmMinute = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Reminders to a system's administrators of its MANUAL parts that wait too long (issue 14):
 * an urgent part after 4 hours, any other after 3 working days, counted from when the part was
 * made or last reminded of (reminded_at), so once per period for as long as it waits.
 */
@Injectable()
export class FulfilmentRemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly fulfilment: FulfilmentService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /** Sends the reminders that are due; answers how many parts were reminded of. */
  async remindDue(): Promise<number> {
    const now = this.clock.now();
    let total = 0;
    const seen = new Set<string>();
    for (;;) {
      const reminded = await this.db.transaction(async (m) => {
        // Calendar days are never more than working days: a bound for the index, refined below.
        const candidates = await m.query<PartRecord[]>(
          `SELECT ${PART_COLUMNS} FROM access_part p
            WHERE p.status = 'PENDING' AND p.method = 'MANUAL' AND p.id <> ALL($4::uuid[])
              AND COALESCE(p.reminded_at, p.created_at) <= $1::timestamptz - CASE WHEN p.urgent THEN $2::interval ELSE $3::interval END
            ORDER BY p.created_at, p.id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now, `${URGENT_REMINDER_MS / 1000} seconds`, `${REMINDER_WORKING_DAYS} days`, [...seen]],
        );
        for (const c of candidates) seen.add(c.id);
        const due = candidates.filter((p) => {
          const since = p.remindedAt ?? p.createdAt;
          return p.urgent
            ? now.getTime() - since.getTime() >= URGENT_REMINDER_MS
            : addWorkingDays(since, REMINDER_WORKING_DAYS).getTime() <= now.getTime();
        });
        if (due.length === 0) return { claimed: candidates.length, reminded: 0 };
        await m.query(`UPDATE access_part SET reminded_at = $2 WHERE id = ANY($1::uuid[])`, [
          due.map((p) => p.id),
          now,
        ]);
        // Not locked: settling a part locks its order before the part, so waiting here could deadlock.
        const orders = await readAccessOrderFacts(
          m,
          due.map((p) => p.orderId),
        );
        const admins = await administratorsOfSystems(
          m,
          due.map((p) => p.systemId),
        );
        for (const order of orders) {
          const own = due.filter((p) => p.orderId === order.id);
          const mails = await this.fulfilment.partMails(m, order, own);
          await this.mail.enqueueMany(
            m,
            own.flatMap((p, n) =>
              admins
                .filter((a) => a.systemId === p.systemId && a.email)
                .map((a) => ({
                  to: a.email,
                  template: 'ACCESS_PART_REMINDER' as const,
                  data: {
                    ...mails[n],
                    recipientName: a.name,
                    waitingSince: stockholmMinute.format(p.createdAt),
                  },
                })),
            ),
          );
        }
        return { claimed: candidates.length, reminded: due.length };
      });
      total += reminded.reminded;
      if (reminded.claimed < BATCH) return total;
    }
  }
}
