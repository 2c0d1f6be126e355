import { Alert, Button, Typography } from '@mui/material';
import { useEffect } from 'react';
import { FilterButton, List, TopToolbar, useListContext, useTranslate } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { QUEUE_RESOURCE } from './api';
import { QueueBulkActions } from './QueueBulkActions';
import { queueFilters } from './queueFilters';
import { QueueTable } from './QueueTable';
import { QueueTabs } from './QueueTabs';
import type { QueueOrder } from './types';
import { ListPagination } from '../common/ListPagination';

const QueueActions = () => (
  <TopToolbar>
    <FilterButton filters={queueFilters} />
  </TopToolbar>
);

/**
 * The mass-order mail links to `#/attest?batchId=…`: that batch alone, said plainly, with the way
 * back to the whole queue (the id itself means nothing to a reader).
 */
const BatchFilterNotice = () => {
  const translate = useTranslate();
  const { search } = useLocation();
  const navigate = useNavigate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const linkedBatch = new URLSearchParams(search).get('batchId');
  // The mail's link becomes the list's own filter in the address, which the list then reads.
  useEffect(() => {
    if (!linkedBatch) return;
    const filter = JSON.stringify({ batchId: linkedBatch });
    navigate({ search: `?${new URLSearchParams({ filter }).toString()}` }, { replace: true });
  }, [linkedBatch, navigate]);
  if (!filterValues.batchId) return null;
  const { batchId: _, ...rest } = filterValues;
  return (
    <Alert
      severity="info"
      sx={{ mx: 2, mt: 2 }}
      action={
        <Button color="inherit" size="small" onClick={() => setFilters(rest, displayedFilters)}>
          {translate('beh.attest.queue.showWholeQueue')}
        </Button>
      }
    >
      {translate('beh.attest.queue.batchOnly')}
    </Alert>
  );
};

const Intro = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" sx={{ px: 2, pt: 2 }}>
      {translate('beh.attest.queue.intro')}
    </Typography>
  );
};

/** "Attestera beställningar": the orders awaiting my attest, with tabs, filters, sorting and batch attest. */
export default function AttestQueuePage() {
  return (
    <List<QueueOrder>
      resource={QUEUE_RESOURCE}
      title="beh.attest.queue.title"
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={queueFilters}
      actions={<QueueActions />}
      exporter={false}
      empty={false}
      perPage={25}
      pagination={<ListPagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      <Intro />
      <BatchFilterNotice />
      <QueueTabs />
      <QueueBulkActions />
      <QueueTable />
    </List>
  );
}
