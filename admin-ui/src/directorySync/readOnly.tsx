import Alert from '@mui/material/Alert';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { FilterButton, TopToolbar, useFilterContext, useTranslate } from 'react-admin';
import { ServerExportActions, ServerExportButton } from '../common/ServerExport';
import { fetchDirectorySource } from './api';

/**
 * In ldap mode (DIRECTORY_SOURCE=ldap) the directory is KIV's: persons, care units, providers,
 * administrations, engagements and assignments are changed there, and the server refuses BEH's
 * own edits (409). The grids then offer no create, edit or delete, and say why.
 */
export function useDirectoryReadOnly(): boolean {
  const { data } = useQuery({
    queryKey: ['directory-source'],
    queryFn: fetchDirectorySource,
    staleTime: Infinity,
  });
  return data?.readOnly ?? false;
}

/** "Katalogdata kommer från KIV och ändras där." above a directory grid, in ldap mode only. */
export const DirectoryReadOnlyNotice = () => {
  const readOnly = useDirectoryReadOnly();
  const translate = useTranslate();
  if (!readOnly) return null;
  return (
    <Alert severity="info" sx={{ m: 1 }}>
      {translate('beh.directorySync.readOnly')}
    </Alert>
  );
};

/** A directory grid's toolbar: the usual one, without "Skapa" in ldap mode. */
export const DirectoryListActions = () => {
  const readOnly = useDirectoryReadOnly();
  const filters = useFilterContext();
  if (!readOnly) return <ServerExportActions />;
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      <ServerExportButton />
    </TopToolbar>
  );
};

/** A row click that opens the edit page, or nothing in ldap mode. */
export function useDirectoryRowClick(click: 'edit' | 'show'): 'edit' | 'show' | false {
  const readOnly = useDirectoryReadOnly();
  return readOnly && click === 'edit' ? false : click;
}

/** A directory resource's create or edit page: in ldap mode the notice instead of the form. */
export function directoryWritable<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  const Writable = (props: P) => {
    const readOnly = useDirectoryReadOnly();
    return readOnly ? <DirectoryReadOnlyNotice /> : <Page {...props} />;
  };
  Writable.displayName = 'DirectoryWritable';
  return Writable;
}
