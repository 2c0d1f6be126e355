import { Chip } from '@mui/material';
import { BooleanInput, type BooleanInputProps, DataTable, useRecordContext, useTranslate } from 'react-admin';

/**
 * Whether a directory row (person, care unit, assignment, provider, administration) is still in
 * the directory: "Ja", or a chip "Inaktiv i KIV" for a row a sync found gone (kept for history,
 * docs/domain.md rule 37). In embedded mode every row is active.
 */
export function DirectoryActiveField(_props: { source?: string }) {
  const record = useRecordContext<{ directoryActive?: boolean }>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.directoryActive === false) {
    return (
      <Chip
        size="small"
        color="warning"
        variant="outlined"
        label={translate('beh.directoryActive.inactive')}
      />
    );
  }
  return <span>{translate('beh.directoryActive.yes')}</span>;
}

/**
 * "Visa inaktiva": the lists show only active rows unless ticked (the server's `showInactive`
 * filter), so an administrator can still find an inactive person, e.g. for history.
 */
export const ShowInactiveFilter = (props: Omit<BooleanInputProps, 'source'>) => (
  <BooleanInput source="showInactive" label="beh.directoryActive.showInactive" {...props} />
);

/** The filter element for a list's `filters`, always shown. */
export const showInactiveFilter = <ShowInactiveFilter key="showInactive" alwaysOn />;

/** The grids' "Aktiv i katalogen" column, shown in ldap mode only (`{kiv && directoryActiveColumn}`). */
export const directoryActiveColumn = (
  <DataTable.Col
    source="directoryActive"
    label="beh.directoryActive.column"
    field={DirectoryActiveField}
    disableSort
  />
);
