import { Box } from '@mui/material';
import type { AttestItem } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A line of an access order: a template with a profession instead of an assignment. */
export const isTemplateLine = (item: AttestItem): boolean => Boolean(item.templateId);

/** "Behörighetsmall X | Yrkeskategori Y", or the assignment's name: what a line is called. */
export function lineName(item: AttestItem, translate: Translate): string {
  if (!isTemplateLine(item)) return item.assignmentName ?? '';
  return translate('beh.attest.access.line', {
    template: item.templateName ?? '',
    profession: item.professionName ?? '',
  });
}

/**
 * The line as the attest page names it: the assignment at its unit; or the template and
 * profession, and for a Förändring what it replaces ("från Mall A / Yrke B").
 */
export const LineTitle = ({ item, translate }: { item: AttestItem; translate: Translate }) => {
  if (!isTemplateLine(item)) return <>{`${item.assignmentName ?? ''} – ${item.careUnitName ?? ''}`}</>;
  return (
    <>
      {lineName(item, translate)}
      {item.previousTemplateName && (
        <Box component="span" sx={{ display: 'block' }}>
          {translate('beh.attest.access.replaces', {
            template: item.previousTemplateName,
            profession: item.previousProfessionName ?? '',
          })}
        </Box>
      )}
    </>
  );
};

/** A template line's systems, each with the roles the template gives there, one per line. */
export const LineSystems = ({ item, translate }: { item: AttestItem; translate: Translate }) => (
  <>
    {(item.systems ?? []).map((system) => (
      <Box component="span" key={system.systemId} sx={{ display: 'block' }}>
        {translate('beh.attest.access.system', {
          system: system.systemName,
          roles: system.roles.join(', '),
        })}
      </Box>
    ))}
  </>
);
