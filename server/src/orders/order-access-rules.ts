import type { Rights } from '../common/auth/rights.js';
import type { TemplateFacts, TemplateHolding } from '../access-catalogue/template.reads.js';
import type { EndUserFacts } from '../directory/directory.facts.js';
import type { OrderType } from './order.types.js';
import { isEndUser } from './order-rules.js';
import { ACCESS_ATTESTANT_MESSAGES, type Violation, violation } from './orders.errors.js';

/** A template line of a send as given (ids in lower case). */
export interface AccessItemInput {
  templateId: string;
  professionId?: string;
  previousTemplateId?: string;
}

/** A template line as it will be written: its template (the new one for CHANGE) and profession. */
export interface AccessLine {
  /** 0-based index into the send's accessItems. */
  accessLine: number;
  template: TemplateFacts;
  professionId: string;
  previous: { templateId: string; professionId: string } | null;
}

/** Everything the access rules look at, gathered before deciding. */
export interface AccessFacts {
  type: OrderType;
  endUser: EndUserFacts;
  items: readonly AccessItemInput[];
  /** The templates named (new and previous), by id; a missing one does not exist. */
  templates: ReadonlyMap<string, TemplateFacts>;
  /** What the end user holds, by template id. */
  held: ReadonlyMap<string, TemplateHolding>;
  /** Templates with an open line for the end user. */
  pending: ReadonlySet<string>;
  orderer: Rights;
  /** Per verksamhet, the chosen attestant's id (undefined: none chosen). */
  attestantIds: ReadonlyMap<string, string | undefined>;
  /** Per verksamhet, the chosen attestant's rights (undefined: none chosen or no such person). */
  attestantRights: ReadonlyMap<string, Rights | undefined>;
}

const aboutTemplate = (line: number, t: TemplateFacts) => ({
  accessLine: line,
  templateId: t.id,
  templateName: t.name,
  accessOperationId: t.operationId,
  accessOperationName: t.operationName,
});

/** The verksamhet a line is ordered for: its template's (for CHANGE, the new template's). */
export const operationOfLine = (item: AccessItemInput, templates: ReadonlyMap<string, TemplateFacts>) =>
  templates.get(item.templateId)?.operationId;

/**
 * Every rule of a send's template lines (domain.md, access rules), all at once, each naming its
 * line (`accessLine`). Returns the lines as they will be written too, when none is broken. A line
 * on a verksamhet the orderer may not order for says only that.
 */
export function accessViolations(f: AccessFacts): { violations: Violation[]; lines: AccessLine[] } {
  const found: Violation[] = [];
  const lines: AccessLine[] = [];
  const seen = new Set<string>();
  f.items.forEach((item, n) => {
    const template = f.templates.get(item.templateId);
    if (!template) {
      found.push(violation('UNKNOWN_TEMPLATE', null, { accessLine: n, templateId: item.templateId }));
      return;
    }
    const about = aboutTemplate(n, template);
    // One line per template, and for a Förändring one per replaced template too.
    const keys = [
      item.templateId,
      ...(f.type === 'CHANGE' && item.previousTemplateId ? [item.previousTemplateId] : []),
    ];
    if (keys.some((k) => seen.has(k))) {
      found.push(violation('DUPLICATE_TEMPLATE_LINE', null, about));
      return;
    }
    for (const k of keys) seen.add(k);

    const previous =
      f.type === 'CHANGE' && item.previousTemplateId ? f.templates.get(item.previousTemplateId) : undefined;
    // Rule: ordering access needs ORDER on the verksamhet (a Förändring: on the replaced one's too).
    if (
      !f.orderer.mayOrderAccess(template.operationId) ||
      (previous !== undefined && !f.orderer.mayOrderAccess(previous.operationId))
    ) {
      found.push(violation('NO_ACCESS_ORDER_RIGHT', null, about));
      return;
    }

    const lineFound: Violation[] = [];
    const heldNow = f.held.get(template.id);
    let professionId = item.professionId;
    let replaced: AccessLine['previous'] = null;
    if (f.type === 'REVOKE') {
      if (!heldNow) lineFound.push(violation('TEMPLATE_NOT_HELD', null, about));
      // Avslut ends the holding as it is: its profession, whatever the send says.
      else professionId = heldNow.professionId;
    } else {
      if (!f.endUser.hasActiveEngagement) lineFound.push(violation('NO_ACTIVE_ENGAGEMENT', null, about));
      // Rule 37, Gone from KIV gets nothing new: a person inactive in the directory.
      if (!f.endUser.active) lineFound.push(violation('PERSON_INACTIVE', null, about));
      if (!template.active) lineFound.push(violation('TEMPLATE_INACTIVE', null, about));
      if (!professionId || !template.professions.some((p) => p.id === professionId)) {
        lineFound.push(violation('PROFESSION_NOT_OFFERED', null, about));
      }
      if (f.type === 'GRANT') {
        if (heldNow) lineFound.push(violation('TEMPLATE_ALREADY_HELD', null, about));
      } else {
        const heldBefore = item.previousTemplateId ? f.held.get(item.previousTemplateId) : undefined;
        if (!heldBefore || !previous) {
          lineFound.push(
            violation('TEMPLATE_NOT_HELD', null, {
              ...about,
              ...(previous ? { templateId: previous.id, templateName: previous.name } : {}),
            }),
          );
        } else {
          replaced = { templateId: previous.id, professionId: heldBefore.professionId };
          if (previous.id === template.id && heldBefore.professionId === professionId) {
            lineFound.push(violation('CHANGE_NOT_A_CHANGE', null, about));
          } else if (previous.id !== template.id && heldNow) {
            lineFound.push(violation('TEMPLATE_ALREADY_HELD', null, about));
          }
          if (previous.id !== template.id && f.pending.has(previous.id)) {
            lineFound.push(
              violation('TEMPLATE_ALREADY_PENDING', null, {
                ...about,
                templateId: previous.id,
                templateName: previous.name,
              }),
            );
          }
        }
      }
    }
    if (f.pending.has(template.id)) lineFound.push(violation('TEMPLATE_ALREADY_PENDING', null, about));

    const attestantId = f.attestantIds.get(template.operationId);
    if (attestantId === undefined) {
      lineFound.push(
        violation('ATTESTANT_MISSING', null, about, ACCESS_ATTESTANT_MESSAGES.ATTESTANT_MISSING),
      );
    } else if (!f.attestantRights.get(template.operationId)?.mayAttestAccess(template.operationId)) {
      lineFound.push(
        violation('ATTESTANT_NOT_ALLOWED', null, about, ACCESS_ATTESTANT_MESSAGES.ATTESTANT_NOT_ALLOWED),
      );
    }
    // Rule 11, Nobody grants himself access alone: the end user never attests his own order.
    if (isEndUser(attestantId, f.endUser)) lineFound.push(violation('ATTESTANT_IS_END_USER', null, about));

    found.push(...lineFound);
    if (lineFound.length === 0 && professionId) {
      lines.push({ accessLine: n, template, professionId, previous: replaced });
    }
  });
  return { violations: found, lines };
}
