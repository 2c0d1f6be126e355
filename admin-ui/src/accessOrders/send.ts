import type { AccessOrderType, AccessViolation, NewAccessItem } from './types';
import type { AccessLine } from './lines';

/** A line as `accessItems` wants it, after the order type. */
export function accessItemOf(line: AccessLine, type: AccessOrderType): NewAccessItem {
  // Avslut names the held template only: the profession is the holding's.
  if (type === 'REVOKE') return { templateId: line.templateId };
  if (line.previous)
    return {
      templateId: line.templateId,
      professionId: line.professionId ?? undefined,
      previousTemplateId: line.previous.templateId,
    };
  return { templateId: line.templateId, professionId: line.professionId ?? undefined };
}

/**
 * The server's messages per line (by `accessLine`, the index into the send's accessItems, or by
 * template id), and the rest, which concern the send as a whole or a VMU line.
 */
export function messagesByLine(
  lines: AccessLine[],
  violations: AccessViolation[],
): { byLine: Map<string, string[]>; rest: AccessViolation[] } {
  const byLine = new Map<string, string[]>();
  const rest: AccessViolation[] = [];
  for (const violation of violations) {
    const line =
      typeof violation.accessLine === 'number'
        ? lines[violation.accessLine]
        : violation.templateId
          ? lines.find((l) => l.templateId === violation.templateId)
          : undefined;
    if (line) byLine.set(line.key, [...(byLine.get(line.key) ?? []), violation.message]);
    else if (violation.assignmentId === undefined) rest.push(violation);
  }
  return { byLine, rest };
}
