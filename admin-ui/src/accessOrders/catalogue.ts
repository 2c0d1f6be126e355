import type { OrderableArea, OrderableOperation, OrderableTemplate } from './types';
import type { AccessLine } from './lines';
import { lineKey } from './lines';

/** A template with where it sits: what a line needs besides the chosen profession. */
export interface PlacedTemplate {
  area: OrderableArea;
  operation: OrderableOperation;
  template: OrderableTemplate;
}

/** Every template of an answer with its område and verksamhet, in the answer's order. */
export const allTemplates = (areas: OrderableArea[]): PlacedTemplate[] =>
  areas.flatMap((area) =>
    area.operations.flatMap((operation) =>
      operation.templates.map((template) => ({ area, operation, template })),
    ),
  );

export const findTemplate = (areas: OrderableArea[], templateId: string): PlacedTemplate | undefined =>
  allTemplates(areas).find(({ template }) => template.id === templateId);

/** The line for a template and profession (and, for Förändring, the held template it replaces). */
export function lineOf(
  placed: PlacedTemplate,
  professionId: string | null,
  previous?: PlacedTemplate,
): AccessLine {
  const { area, operation, template } = placed;
  const profession =
    template.professions.find((p) => p.id === professionId) ??
    (professionId === null && template.held
      ? { id: template.held.professionId, name: template.held.professionName }
      : undefined);
  return {
    key: lineKey(template.id, previous?.template.id),
    areaId: area.id,
    areaName: area.name,
    operationId: operation.id,
    operationName: operation.name,
    templateId: template.id,
    templateName: template.name,
    professionId: profession?.id ?? null,
    professionName: profession?.name ?? null,
    systems: template.systems,
    ...(previous
      ? {
          previous: {
            templateId: previous.template.id,
            templateName: previous.template.name,
            professionName: previous.template.held?.professionName ?? null,
          },
        }
      : {}),
  };
}

/** "Melior: Läkare, Journalläsare · ELVIS: Användare". */
export const systemsText = (systems: AccessLine['systems']): string =>
  systems.map((system) => `${system.systemName}: ${system.roles.join(', ')}`).join(' · ');
