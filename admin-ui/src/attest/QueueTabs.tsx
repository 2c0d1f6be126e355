import { Tab, Tabs } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { filterForTab, QUEUE_TABS, type QueueTab, tabOf } from './queueTabs';
import { useAttestCounts } from './useAttestCounts';

/** "Alla (12) · Akuta (2) · Startdatum nått (3) · Massbeställningar (1)", as the demo's order list has its statuses. */
export const QueueTabs = () => {
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const counts = useAttestCounts();
  return (
    <Tabs
      value={tabOf(filterValues)}
      onChange={(_, tab: QueueTab) => setFilters(filterForTab(filterValues, tab), displayedFilters)}
      aria-label={translate('beh.attest.queue.tabsLabel')}
      variant="scrollable"
      sx={{ px: 2, borderBottom: 1, borderColor: 'divider' }}
    >
      {QUEUE_TABS.map(({ id }) => (
        <Tab
          key={id}
          value={id}
          label={`${translate(`beh.attest.queue.tab.${id}`)}${counts ? ` (${counts[id]})` : ''}`}
        />
      ))}
    </Tabs>
  );
};
