import type { TemplateSystem } from './types';

/**
 * A chosen line: a behörighetsmall with its yrkeskategori, under its område and verksamhet (the
 * summary groups by verksamhet, one order each). For Förändring also the held pair it replaces; for
 * Avslut the held template with the profession it is held for.
 */
export interface AccessLine {
  /** Unique in the send: one line per template (the server refuses two). */
  key: string;
  areaId: string;
  areaName: string;
  operationId: string;
  operationName: string;
  templateId: string;
  templateName: string;
  professionId: string | null;
  professionName: string | null;
  systems: TemplateSystem[];
  previous?: {
    templateId: string;
    templateName: string;
    professionName: string | null;
  };
}

/** What the step 2 pickers hold: kept in the state so "Föregående" and "Nästa" never lose it. */
export interface AccessPick {
  areaId: string;
  operationId: string;
  templateId: string;
  professionId: string;
  /** Förändring: the held template to change. */
  previousTemplateId: string;
}

export const emptyPick: AccessPick = {
  areaId: '',
  operationId: '',
  templateId: '',
  professionId: '',
  previousTemplateId: '',
};

/** The key of a line: a template appears once in a send (Förändring: once as the held one). */
export const lineKey = (templateId: string, previousTemplateId?: string): string =>
  previousTemplateId ? `${previousTemplateId}>${templateId}` : templateId;

export interface OperationGroup {
  areaName: string;
  operationId: string;
  operationName: string;
  lines: AccessLine[];
}

/** The lines grouped by verksamhet (one order each), verksamheter in the order first chosen. */
export function linesByOperation(lines: AccessLine[]): OperationGroup[] {
  const groups = new Map<string, OperationGroup>();
  for (const line of lines) {
    const group = groups.get(line.operationId) ?? {
      areaName: line.areaName,
      operationId: line.operationId,
      operationName: line.operationName,
      lines: [],
    };
    group.lines.push(line);
    groups.set(line.operationId, group);
  }
  return [...groups.values()];
}
