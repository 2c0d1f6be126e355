import { Link, useRecordContext, useTranslate } from 'react-admin';
import type { PersonAccessLogItem } from './types';

const name = (fullName: string | null, userId: string | null) =>
  fullName ? (userId ? `${fullName} (${userId})` : fullName) : null;

/** Who read: the person (name and VGR-ID), or the API client. */
export const ReaderField = (_: { source?: string; label?: string }) => {
  const row = useRecordContext<PersonAccessLogItem>();
  const translate = useTranslate();
  if (!row) return null;
  const text =
    name(row.actorName, row.actorUserId) ??
    (row.clientName ? translate('beh.personAccess.client', { name: row.clientName }) : row.actorId);
  return <span>{text}</span>;
};

/** Whom: the person found (a link to their page), or that nobody was. */
export const SubjectField = (_: { source?: string; label?: string }) => {
  const row = useRecordContext<PersonAccessLogItem>();
  const translate = useTranslate();
  if (!row) return null;
  if (!row.personId) return <span>{translate('beh.personAccess.nobody')}</span>;
  return (
    <Link to={`/persons/${row.personId}/show`}>{name(row.personName, row.personUserId) ?? row.personId}</Link>
  );
};

/** What was asked: how (personnummer, passport, HSA-id, opened by id) and the value, masked. */
export const LookedUpField = (_: { source?: string; label?: string }) => {
  const row = useRecordContext<PersonAccessLogItem>();
  const translate = useTranslate();
  if (!row) return null;
  const how = translate(`beh.personAccess.by.${row.lookedUpBy}`);
  return (
    <span style={{ whiteSpace: 'nowrap' }}>{row.lookedUpBy === 'id' ? how : `${how}: ${row.lookedUp}`}</span>
  );
};

/** Uppslag or Visning, and "ej visad" when the person's data was not answered. */
export const AccessActionField = (_: { source?: string; label?: string }) => {
  const row = useRecordContext<PersonAccessLogItem>();
  const translate = useTranslate();
  if (!row) return null;
  const action = translate(`beh.personAccess.action.${row.action}`);
  return <span>{row.answered ? action : `${action} – ${translate('beh.personAccess.notAnswered')}`}</span>;
};

export const PurposeField = (_: { source?: string; label?: string }) => {
  const row = useRecordContext<PersonAccessLogItem>();
  const translate = useTranslate();
  if (!row) return null;
  return <span>{translate(`beh.personAccess.purpose.${row.purpose}`, { _: row.purpose })}</span>;
};
