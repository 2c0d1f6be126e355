import HistoryIcon from '@mui/icons-material/History';
import { Box, Button, CardContent, Divider, Stack, Tab, Tabs, Typography } from '@mui/material';
import { Link } from 'react-router-dom';
import { type ReactNode, useState } from 'react';
import {
  ArrayField,
  BooleanField,
  CreateButton,
  DataTable,
  EditButton,
  EmailField,
  Labeled,
  ResourceContextProvider,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PersonAccessTab } from '../personAccessLog/PersonAccessTab';
import type { PersonDetail, PersonEngagement, PersonHeldAssignment } from '../types';
import { noWrap } from '../common/noWrap';
import { purposeMeta } from './purpose';
import { onRecordLoadError } from '../common/loadFailure';
import { useDirectoryReadOnly } from '../directorySync/readOnly';
import { reportRoutes } from '../reports/routes';

const detailsGrid = {
  display: 'grid',
  gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
  gap: 2,
} as const;

interface SectionProps {
  title: string;
  action?: ReactNode;
  first?: boolean;
  children: ReactNode;
}

const Section = ({ title, action, first = false, children }: SectionProps) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ mt: first ? 0 : 3 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h6" component="h2">
          {translate(title)}
        </Typography>
        {action}
      </Stack>
      {children}
    </Box>
  );
};

/** A line of secondary text: an empty table's message, or a note on a section. */
const Note = ({ message }: { message: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ color: 'text.secondary', py: 1 }}>
      {translate(message)}
    </Typography>
  );
};

const Engagement = DataTable.Col<PersonEngagement>;
const Held = DataTable.Col<PersonHeldAssignment>;

/** The person, the units they are engaged at, and the assignments they hold (from the detail record). */
const PersonDetails = () => {
  const person = useRecordContext<PersonDetail>();
  const readOnly = useDirectoryReadOnly();
  if (!person) return null;
  const prefill = { state: { record: { personId: person.id } } };
  return (
    <CardContent>
      <Section title="beh.persons.identity" first>
        <Box sx={detailsGrid}>
          <Labeled>
            <TextField source="firstName" />
          </Labeled>
          <Labeled>
            <TextField source="lastName" />
          </Labeled>
          <Labeled>
            <TextField source="userId" />
          </Labeled>
          <Labeled>
            <TextField source="hsaId" />
          </Labeled>
          <Labeled>
            <TextField source="personnummer" emptyText="beh.empty" />
          </Labeled>
          <Labeled>
            <TextField source="passportNumber" emptyText="beh.empty" />
          </Labeled>
          <Labeled>
            <TextField source="title" emptyText="beh.empty" />
          </Labeled>
          <Labeled>
            <EmailField source="email" emptyText="beh.empty" />
          </Labeled>
          <Labeled>
            <TextField source="organisation" emptyText="beh.empty" />
          </Labeled>
          <Labeled>
            <BooleanField source="active" />
          </Labeled>
          <Labeled>
            <BooleanField source="protectedIdentity" />
          </Labeled>
          <Labeled>
            <BooleanField source="isAdministrator" />
          </Labeled>
        </Box>
      </Section>
      <Divider sx={{ mt: 3 }} />
      <Section
        title="resources.persons.fields.engagements"
        action={
          readOnly ? undefined : (
            <CreateButton resource="engagements" label="beh.persons.addEngagement" {...prefill} />
          )
        }
      >
        {/* Rows belong to the engagements resource: its labels, and a click opens the engagement. */}
        <ResourceContextProvider value="engagements">
          <ArrayField source="engagements">
            <DataTable<PersonEngagement>
              bulkActionButtons={false}
              rowClick={readOnly ? false : 'edit'}
              empty={<Note message="beh.persons.noEngagements" />}
            >
              <Engagement source="careUnitName" />
              <Engagement source="administrationName" />
              <Engagement source="costCentre" sx={noWrap} />
              <Engagement source="title" />
              <Engagement source="validFrom" sx={noWrap} />
              <Engagement source="validTo" sx={noWrap}>
                <TextField source="validTo" emptyText="beh.untilFurtherNotice" />
              </Engagement>
              <Engagement source="active" field={BooleanField} />
            </DataTable>
          </ArrayField>
        </ResourceContextProvider>
      </Section>
      {/* Read only: a holding changes only when an attested order is carried out. */}
      <Section title="resources.persons.fields.heldAssignments">
        <Note message="beh.persons.heldAssignmentsByOrder" />
        <ResourceContextProvider value="held-assignments">
          <ArrayField source="heldAssignments">
            <DataTable<PersonHeldAssignment>
              bulkActionButtons={false}
              rowClick={false}
              empty={<Note message="beh.persons.noHeldAssignments" />}
            >
              <Held source="assignmentName" />
              <Held source="careUnitName" />
              <Held source="validFrom" sx={noWrap} />
              <Held source="validTo" sx={noWrap}>
                <TextField source="validTo" emptyText="beh.untilFurtherNotice" />
              </Held>
              <Held source="active" field={BooleanField} />
            </DataTable>
          </ArrayField>
        </ResourceContextProvider>
      </Section>
    </CardContent>
  );
};

/** "Visa historik": the person's history (reports/PersonHistoryPage), with the name for its title. */
const ShowHistoryButton = () => {
  const translate = useTranslate();
  const person = useRecordContext<PersonDetail>();
  if (!person) return null;
  return (
    <Button
      component={Link}
      to={reportRoutes.history(person.id)}
      state={{ name: `${person.firstName} ${person.lastName}` }}
      startIcon={<HistoryIcon />}
      size="small"
    >
      {translate('beh.reports.showHistory')}
    </Button>
  );
};

const PersonShowActions = () => {
  const readOnly = useDirectoryReadOnly();
  return (
    <TopToolbar>
      <ShowHistoryButton />
      {!readOnly && <EditButton />}
    </TopToolbar>
  );
};

/**
 * "Uppgifter" (the person) and, for administrators, "Uppslag": who looked the person up or
 * opened this page. Each opening is logged by the server as `person-page`.
 */
const PersonTabs = () => {
  const translate = useTranslate();
  const person = useRecordContext<PersonDetail>();
  const { canAccess: readsLog } = useCanAccess({ resource: 'person-access-log', action: 'list' });
  const [tab, setTab] = useState<'details' | 'lookups'>('details');
  if (!person) return null;
  if (!readsLog) return <PersonDetails />;
  return (
    <>
      <Tabs value={tab} onChange={(_, value: 'details' | 'lookups') => setTab(value)} sx={{ px: 2 }}>
        <Tab value="details" label={translate('beh.personAccess.detailsTab')} />
        <Tab value="lookups" label={translate('beh.personAccess.tab')} />
      </Tabs>
      <Divider />
      {tab === 'details' ? <PersonDetails /> : <PersonAccessTab personId={String(person.id)} />}
    </>
  );
};

export default function PersonShow() {
  return (
    <Show<PersonDetail>
      actions={<PersonShowActions />}
      queryOptions={{ meta: purposeMeta('person-page'), onError: onRecordLoadError }}
    >
      <PersonTabs />
    </Show>
  );
}
