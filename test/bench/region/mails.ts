/**
 * The outbox of the region's last year: every mail the application would have written for what
 * happened in it (placing, change of attestant, decisions, carrying out, reminders, escalations,
 * ended grants, delegations), rendered by the application's own Swedish templates. Sent a few
 * seconds after they were written; those of the last minutes still pending; those to a person
 * without an address kept as FAILED, as MailService.enqueue keeps them.
 */
import {
  type MailTemplate,
  type MailTemplateData,
  relatedEntity,
  renderTemplate,
} from '../../../server/src/mail/templates/index.js';
import type { Load } from './copy.js';
import { H, type Timeline } from './events.js';
import {
  approvalMailed,
  assignmentName,
  catalogueNames,
  iso,
  orderId,
  personName,
  personNameWithUserId,
  type Region,
} from './model.js';
import { REJECT_COMMENTS } from './names.js';
import { L, Outcome } from './orders.js';
import { ID_KIND, regionId } from './random.js';
import { DAY_MS, dateOf, REFERENCE_TIME, stockholmDay } from './time.js';

/** How far back the outbox goes. */
export const MAIL_DAYS = 365;
const PUBLIC_URL = 'http://localhost:3000';
/** Mails written this close to the reference instant have not been sent yet. */
const PENDING_MS = 10 * 60_000;

const COLUMNS = [
  'id',
  'to_address',
  'subject',
  'text_body',
  'html_body',
  'template',
  'related_type',
  'related_id',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'created_at',
  'sent_at',
];

export async function writeMails(load: Load, r: Region, timeline: Timeline): Promise<number> {
  const { dir } = r;
  const { orders, lines } = r.history;
  const writer = await load.writer('mail_outbox', COLUMNS);
  const from = REFERENCE_TIME - MAIL_DAYS * DAY_MS;
  let count = 0;

  const send = async <T extends MailTemplate>(
    at: number,
    person: number,
    template: T,
    data: MailTemplateData[T],
  ) => {
    const rendered = renderTemplate(template, data, PUBLIC_URL);
    const related = relatedEntity(data);
    const to = dir.persons[person].email;
    const pending = at > REFERENCE_TIME - PENDING_MS;
    const status = !to ? 'FAILED' : pending ? 'PENDING' : 'SENT';
    const sentAt = at + 1_500 + ((count * 7_919) % 18_000);
    await writer.row([
      regionId(ID_KIND.mail, count++),
      to,
      rendered.subject.slice(0, 500),
      rendered.text,
      rendered.html,
      template,
      related.type,
      related.id,
      status,
      status === 'SENT' ? 1 : 0,
      iso(status === 'SENT' ? sentAt + 60_000 : at),
      to ? null : 'Mottagaren saknar e-postadress.',
      iso(at),
      status === 'SENT' ? iso(sentAt) : null,
    ]);
  };

  /** The lines of the order with these statuses. */
  const linesWith = (o: number, keep: (status: number) => boolean) => {
    const first = orders.lineStart.data[o];
    const out: number[] = [];
    for (let k = 0; k < orders.lineCount.data[o]; k++)
      if (keep(lines.status.data[first + k])) out.push(first + k);
    return out;
  };
  const all = () => true;
  const kept = (status: number) => status !== L.REMOVED;
  const orderFacts = (o: number, named: (status: number) => boolean, ordererWithUserId: boolean) => ({
    orderId: orderId(o),
    orderNumber: r.orderNumber[o],
    type: orders.type.data[o] === 0 ? ('GRANT' as const) : ('REVOKE' as const),
    endUserName: personNameWithUserId(r, orders.endUser.data[o]),
    ordererName: ordererWithUserId
      ? personNameWithUserId(r, orders.orderer.data[o])
      : personName(r, orders.orderer.data[o]),
    careUnitName: dir.units[orders.unit.data[o]].name,
    startDate: dateOf(orders.startDay.data[o]),
    urgent: orders.urgent.data[o] === 1,
    assignmentNames: catalogueNames(r, linesWith(o, named)),
  });
  const attestantAt = (o: number, at: number) =>
    orders.changedAt.data[o] && orders.changedAt.data[o] <= at
      ? orders.attestant.data[o]
      : orders.attestant0.data[o];
  const delegationFacts = (n: number) => {
    const d = dir.delegations[n];
    return {
      delegationId: d.id,
      careUnitName: dir.units[d.unit].name,
      rights: [...(d.mayOrder ? ['ORDER' as const] : []), ...(d.mayAttest ? ['ATTEST' as const] : [])],
      assignmentNames: d.assignments.map((a) => assignmentName(r, a)).sort(),
      validFrom: dateOf(d.validFrom),
      validTo: d.validTo >= 0 ? dateOf(d.validTo) : null,
      byName: personName(r, d.grantor),
    };
  };

  let i = 0;
  while (i < timeline.count && timeline.time[timeline.order[i]] < from) i++;
  for (; i < timeline.count; i++) {
    const h = timeline.order[i];
    const at = timeline.time[h];
    const n = timeline.ref[h];
    switch (timeline.kind[h]) {
      case H.PLACED: {
        if (orders.batch.data[n] >= 0) break;
        const attestant = orders.attestant0.data[n];
        await send(at, attestant, 'ORDER_AWAITING_ATTEST', {
          ...orderFacts(n, all, true),
          recipientName: personName(r, attestant),
        });
        break;
      }
      case H.BATCH: {
        const b = r.history.batches[n];
        const numbers = b.orders.map((o) => r.orderNumber[o]).sort();
        const grants = b.orders.filter((o) => orders.type.data[o] === 0).length;
        await send(at, b.attestant, 'BATCH_AWAITING_ATTEST', {
          batchId: b.id,
          recipientName: personName(r, b.attestant),
          ordererName: personNameWithUserId(r, b.orderer),
          assignmentName: assignmentName(r, b.assignment),
          careUnitName: dir.units[b.unit].name,
          grantCount: grants,
          revokeCount: b.orders.length - grants,
          firstOrderNumber: numbers[0],
          lastOrderNumber: numbers[numbers.length - 1],
          startDate: dateOf(b.startDay),
          urgent: b.urgent,
        });
        break;
      }
      case H.CHANGED: {
        const attestant = orders.attestant.data[n];
        await send(at, attestant, 'ATTESTANT_CHANGED', {
          ...orderFacts(n, all, true),
          recipientName: personName(r, attestant),
          previousAttestantName: personName(r, orders.attestant0.data[n]),
        });
        break;
      }
      case H.DECIDED: {
        const outcome = orders.outcome.data[n];
        const orderer = orders.orderer.data[n];
        const attestantName = personName(r, orders.attestant.data[n]);
        if (outcome === Outcome.APPROVE && approvalMailed(r, n)) {
          await send(at, orderer, 'ORDER_APPROVED', {
            ...orderFacts(n, kept, true),
            recipientName: personName(r, orderer),
            attestantName,
          });
        } else if (outcome === Outcome.REJECT) {
          await send(at, orderer, 'ORDER_REJECTED', {
            ...orderFacts(n, all, true),
            recipientName: personName(r, orderer),
            attestantName,
            comment: REJECT_COMMENTS[orders.rejectComment.data[n]],
          });
        } else if (outcome === Outcome.CANCEL) {
          const attestant = orders.attestant.data[n];
          await send(at, attestant, 'ORDER_CANCELLED', {
            ...orderFacts(n, all, true),
            recipientName: personName(r, attestant),
          });
        }
        break;
      }
      case H.COMPLETED: {
        const orderer = orders.orderer.data[n];
        await send(at, orderer, 'ORDER_COMPLETED', {
          ...orderFacts(n, (s) => s === L.DONE, false),
          recipientName: personName(r, orderer),
        });
        break;
      }
      case H.REMINDER: {
        const attestant = attestantAt(n, at);
        await send(at, attestant, 'ATTEST_REMINDER', {
          ...orderFacts(n, kept, false),
          recipientName: personName(r, attestant),
          orderedOn: dateOf(stockholmDay(orders.createdAt.data[n])),
        });
        break;
      }
      case H.ESCALATION: {
        const attestant = attestantAt(n, at);
        const head = dir.units[orders.unit.data[n]].head;
        if (head === attestant) break;
        await send(at, head, 'ATTEST_ESCALATION', {
          ...orderFacts(n, kept, false),
          recipientName: personName(r, head),
          orderedOn: dateOf(stockholmDay(orders.createdAt.data[n])),
          attestantName: personName(r, attestant),
        });
        break;
      }
      case H.GRANT_ENDED: {
        const orderer = orders.orderer.data[n];
        await send(at, orderer, 'TIME_LIMITED_GRANT_ENDED', {
          ...orderFacts(n, kept, false),
          recipientName: personName(r, orderer),
          endDate: dateOf(orders.endDay.data[n]),
        });
        break;
      }
      case H.DELEGATION:
      case H.DELEGATION_REVOKED: {
        const d = dir.delegations[n];
        const template = timeline.kind[h] === H.DELEGATION ? 'DELEGATION_GRANTED' : 'DELEGATION_REVOKED';
        await send(at, d.delegate, template, {
          ...delegationFacts(n),
          recipientName: personName(r, d.delegate),
        });
        break;
      }
      case H.DELEGATION_EXPIRING: {
        const d = dir.delegations[n];
        const facts = {
          ...delegationFacts(n),
          validTo: dateOf(d.validTo),
          delegateName: personName(r, d.delegate),
        };
        await send(at, d.delegate, 'DELEGATION_EXPIRING', {
          ...facts,
          recipientName: personName(r, d.delegate),
          toDelegate: true,
        });
        const head = dir.units[d.unit].head;
        if (head !== d.delegate) {
          await send(at, head, 'DELEGATION_EXPIRING', {
            ...facts,
            recipientName: personName(r, head),
            toDelegate: false,
          });
        }
        break;
      }
    }
  }
  return writer.end();
}
