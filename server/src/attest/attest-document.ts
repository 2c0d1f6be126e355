import type { AttestDecision } from './dto/sign-request.dto.js';
import type { DecisionItem, DecisionOrder } from '../orders/attest-orders.queries.js';
import type { OrderType } from '../orders/order.types.js';

const TYPE_NAMES: Record<OrderType, string> = { GRANT: 'Nyupplägg', REVOKE: 'Avslut', CHANGE: 'Förändring' };
const DECISION_NAMES: Record<AttestDecision, string> = { APPROVE: 'Godkänn', REJECT: 'Avslå' };

/** "2026-06-02 14:15:03": the seed's Beställd format, in Stockholm time. */
export function stockholmDateTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(at);
}

/** Free text on one line of the document: line breaks would let a comment forge lines below it. */
export const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** Heads the signed document's machine-readable part: each line's id. */
export const ITEM_IDS_HEADING = 'Radernas id (för maskinell kontroll):';

export interface AttestDocumentInput {
  decision: AttestDecision;
  comment: string | null;
  attestant: { name: string; userId: string; hsaId: string };
  at: Date;
  /** In order-number order. */
  orders: readonly DecisionOrder[];
  removeItemIds: ReadonlySet<string>;
  /**
   * Rule 41: the attestants the signer stands in for, by id; each order of theirs names both
   * ("Attesterad av X som ersättare för Y"). Absent or empty: the signer is every order's attestant.
   */
  standInFor?: ReadonlyMap<string, { name: string; userId: string }>;
}

/** "Behörighetsmall X | Yrkeskategori Y": a template line as the seed's review page names it. */
const templatePair = (template: string | null, profession: string | null) =>
  `Behörighetsmall ${oneLine(template ?? '')} | Yrkeskategori ${oneLine(profession ?? '')}`;

/**
 * A line as the document names it: the assignment; or the template and profession (for a
 * Förändring also the pair it replaces), followed by one indented line per system with the roles
 * the template gives there.
 */
function lineText(verb: string, item: DecisionItem): string[] {
  if (item.templateId === null) return [`${verb}: ${item.assignmentName ?? ''}`];
  const replaced =
    item.previousTemplateName !== null
      ? ` (från ${templatePair(item.previousTemplateName, item.previousProfessionName)})`
      : '';
  return [
    `${verb}: ${templatePair(item.templateName, item.professionName)}${replaced}`,
    ...item.systems.map(
      (system) =>
        `  System ${oneLine(system.systemName)}, roller: ${system.roles.map(oneLine).join(', ') || '–'}`,
    ),
  ];
}

/**
 * The canonical text of an attest decision (design.md "Signing"): exactly what is signed and
 * stored, so it names everything the decision is about — every order, its end user, each line
 * kept, removed or rejected by its assignment's name, or by its template, profession, systems and
 * roles (an access order: for a Förändring also the pair it replaces) — and who decided when. The lines' internal
 * ids follow in a machine-readable part at the end, not among the words a person reads. Reading it
 * alone tells what was signed, without the database.
 */
export function attestDocument(input: AttestDocumentInput): string {
  const { decision, comment, attestant, orders } = input;
  const verbOf = (itemId: string) =>
    decision === 'REJECT' ? 'Avslås' : input.removeItemIds.has(itemId) ? 'Tas bort' : 'Godkänns';
  const head = [
    'Attest av beställningar i BEH',
    `Beslut: ${DECISION_NAMES[decision]}`,
    `Attestant: ${attestant.name} (${attestant.userId}), HSA-id ${attestant.hsaId}`,
    `Tid: ${stockholmDateTime(input.at)} (Europe/Stockholm)`,
    `Antal beställningar: ${orders.length}`,
    ...(comment ? [`Kommentar: ${oneLine(comment)}`] : []),
  ];
  const blocks = orders.map((o) => {
    const lines = [
      `Beställning ${o.orderNumber}`,
      `Typ: ${TYPE_NAMES[o.type]}`,
      `Slutanvändare: ${o.endUser.name} (${o.endUser.userId}), HSA-id ${o.endUser.hsaId}`,
      `Beställare: ${o.orderer.name} (${o.orderer.userId})`,
      ...(o.careUnit ? [`Vårdenhet: ${o.careUnit.name} (HSA-id ${o.careUnit.hsaId})`] : []),
      ...(o.accessOperation
        ? [`Område: ${oneLine(o.accessOperation.areaName)}`, `Verksamhet: ${oneLine(o.accessOperation.name)}`]
        : []),
      `Startdatum: ${o.startDate}`,
      ...(o.endDate ? [`Slutdatum: ${o.endDate}`] : []),
      ...standInLine(input, o.attestantId),
    ];
    for (const item of o.items) lines.push(...lineText(verbOf(item.id), item));
    return lines.join('\n');
  });
  // The lines' ids, which a reader has no use for, in a part of their own at the end, for machines:
  // "<order number>;<verb>;<line id>", so the signed text still names each line exactly.
  const ids = [
    ITEM_IDS_HEADING,
    ...orders.flatMap((o) => o.items.map((item) => `${o.orderNumber};${verbOf(item.id)};${item.id}`)),
  ];
  return [head.join('\n'), ...blocks, ids.join('\n')].join('\n\n') + '\n';
}

/** "Attesterad av X (x) som ersättare för Y (y)" for an order of an attestant the signer stands in for. */
function standInLine(input: AttestDocumentInput, attestantId: string): string[] {
  const principal = input.standInFor?.get(attestantId);
  if (!principal) return [];
  const { attestant } = input;
  return [
    `Attesterad av ${attestant.name} (${attestant.userId}) som ersättare för ${principal.name} (${principal.userId})`,
  ];
}

/** Reads a stand-in line back: the stood-in-for attestant's VGR-ID. */
const STAND_IN_LINE = /^Attesterad av .* \(([^()]*)\) som ersättare för .* \(([^()]*)\)$/;

/** The sign message shown above the document (DSS: the SignMessage). */
export function attestPurpose(decision: AttestDecision, orders: readonly DecisionOrder[]): string {
  const what =
    orders.length === 1 ? `beställning ${orders[0].orderNumber}` : `${orders.length} beställningar`;
  return `Attest av ${what}: ${DECISION_NAMES[decision]}`;
}

/** What a signed attest document says, read back from its text alone (attestDocument's lines). */
export interface SignedAttestText {
  decision: AttestDecision;
  attestantUserId: string;
  attestantHsaId: string;
  orderNumbers: string[];
  /** Rule 41: by order number, the VGR-ID of the attestant the signer stood in for. */
  standInFor: Record<string, string>;
}

/**
 * Reads the decision, the attestant and the order numbers back out of a signed attest document;
 * undefined when the text is not one attestDocument wrote. Free text sits on one "Kommentar:"
 * line, so no line starting "Beslut:", "Attestant:" or "Beställning " can come from a comment.
 */
export function readAttestDocument(text: string): SignedAttestText | undefined {
  const lines = text.split('\n');
  if (lines[0] !== 'Attest av beställningar i BEH') return undefined;
  const decisionLine = lines.find((l) => l.startsWith('Beslut: '));
  const decision = (Object.keys(DECISION_NAMES) as AttestDecision[]).find(
    (d) => decisionLine === `Beslut: ${DECISION_NAMES[d]}`,
  );
  const attestant = /^Attestant: .* \(([^()]*)\), HSA-id (\S+)$/.exec(
    lines.find((l) => l.startsWith('Attestant: ')) ?? '',
  );
  const orderNumbers: string[] = [];
  const standInFor: Record<string, string> = {};
  for (const line of lines) {
    const number = /^Beställning (\S+)$/.exec(line)?.[1];
    if (number) orderNumbers.push(number);
    const standIn = STAND_IN_LINE.exec(line);
    if (standIn && orderNumbers.length > 0) standInFor[orderNumbers[orderNumbers.length - 1]] = standIn[2];
  }
  const count = /^Antal beställningar: (\d+)$/.exec(lines.find((l) => l.startsWith('Antal ')) ?? '');
  if (!decision || !attestant || !count || Number(count[1]) !== orderNumbers.length) return undefined;
  return { decision, attestantUserId: attestant[1], attestantHsaId: attestant[2], orderNumbers, standInFor };
}
