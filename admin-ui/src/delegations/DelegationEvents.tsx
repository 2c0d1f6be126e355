import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatTimestamp } from './dates';
import type { DelegationDetail, DelegationEvent } from './types';

/** The fields a change can touch, in the order they are described. */
const DESCRIBED_FIELDS = ['validTo', 'rights', 'assignmentNames', 'assignmentIds', 'status'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** "Giltig till: 2026-12-31 → 2026-09-30"; for a creation, just the action. */
const useDescribeChange = () => {
  const translate = useTranslate();
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
      return translate(
        field === 'validTo' ? 'beh.delegations.untilFurtherNotice' : 'beh.delegations.wholeUnit',
      );
    if (field === 'rights' && Array.isArray(value))
      return value.map((right) => translate(`beh.delegations.right.${String(right)}`)).join(', ');
    if (field === 'status') return translate(`beh.delegations.status.${String(value)}`, { _: String(value) });
    return Array.isArray(value) ? value.map(String).join(', ') : String(value);
  };
  return (event: DelegationEvent): string[] => {
    if (event.action === 'CREATED' || !event.before || !event.after) return [];
    const { before, after } = event;
    const changed = DESCRIBED_FIELDS.filter((field) => field in after && !same(before[field], after[field]));
    // Names say more than ids; show the ids only when the server recorded no names.
    const fields = changed.includes('assignmentNames')
      ? changed.filter((f) => f !== 'assignmentIds')
      : changed;
    return fields
      .filter((field) => field !== 'status')
      .map(
        (field) =>
          `${translate(`resources.delegations.fields.${field}`)}: ${show(field, before[field])} → ${show(field, after[field])}`,
      );
  };
};

/** "Händelser": every change to the delegation, who made it and when. */
export const DelegationEvents = () => {
  const record = useRecordContext<DelegationDetail>();
  const translate = useTranslate();
  const describe = useDescribeChange();
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
