import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useGetMany, useRecordContext, useTranslate } from 'react-admin';
import type { Assignment } from '../types';
import { formatTimestamp } from '../common/dates';
import type { DelegationDetail, DelegationEvent } from './types';

/** What a limit can change, in the order the change is described. */
const DESCRIBED_FIELDS = ['validTo', 'rights', 'assignmentIds'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Names of the assignments the events mention: those still listed, and those a limit removed. */
const useAssignmentNames = (record: DelegationDetail | undefined): Map<string, string> => {
  const ids = [
    ...new Set(
      (record?.events ?? []).flatMap((event) => [
        ...idsIn(event.before?.assignmentIds),
        ...idsIn(event.after?.assignmentIds),
      ]),
    ),
  ];
  const { data = [] } = useGetMany<Assignment>('assignments', { ids }, { enabled: ids.length > 0 });
  const names = new Map(data.map((assignment) => [String(assignment.id), assignment.name]));
  record?.assignmentIds.forEach((id, index) => names.set(String(id), record.assignmentNames[index]));
  return names;
};

/** "Giltig till: 2026-12-31 → 2026-09-30"; nothing more for a creation or a revocation. */
const useDescribeChange = (record: DelegationDetail | undefined) => {
  const translate = useTranslate();
  const assignmentNames = useAssignmentNames(record);
  const show = (field: (typeof DESCRIBED_FIELDS)[number], value: unknown): string => {
    if (field === 'validTo') return value ? String(value) : translate('beh.delegations.untilFurtherNotice');
    const values = idsIn(value);
    if (field === 'rights')
      return values.map((right) => translate(`beh.delegations.right.${right}`)).join(', ');
    if (values.length === 0) return translate('beh.delegations.wholeUnit');
    return values.map((id) => assignmentNames.get(id) ?? id).join(', ');
  };
  return (event: DelegationEvent): string[] => {
    if (event.action !== 'LIMITED' || !event.before || !event.after) return [];
    const { before, after } = event;
    return DESCRIBED_FIELDS.filter((field) => !same(before[field], after[field])).map(
      (field) =>
        `${translate(`resources.delegations.fields.${field}`)}: ${show(field, before[field])} → ${show(field, after[field])}`,
    );
  };
};

/** "Händelser": every change to the delegation, who made it and when. */
export const DelegationEvents = () => {
  const record = useRecordContext<DelegationDetail>();
  const translate = useTranslate();
  const describe = useDescribeChange(record);
  const events = record?.events ?? [];
  if (events.length === 0)
    return <Typography variant="body2">{translate('beh.delegations.noEvents')}</Typography>;
  return (
    <Table size="small" aria-label={translate('beh.delegations.events')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('beh.delegations.event.at')}</TableCell>
          <TableCell>{translate('beh.delegations.event.actor')}</TableCell>
          <TableCell>{translate('beh.delegations.event.what')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(event.at)}</TableCell>
            <TableCell>{event.actorName}</TableCell>
            <TableCell>
              <strong>{translate(`beh.delegations.action.${event.action}`)}</strong>
              {describe(event).map((line) => (
                <Typography key={line} variant="body2" component="div">
                  {line}
                </Typography>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
