import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { Button, useListContext } from 'react-admin';

/** The filters behind "Sökalternativ"; the order number is always shown. */
export const SEARCH_OPTIONS = ['endUser', 'orderer', 'status', 'type', 'careUnitId', 'from', 'to'] as const;

/**
 * "Sökalternativ…": shows every search option at once, as the seeds' order list does, or hides
 * them again and drops their values.
 */
export const SearchOptionsButton = () => {
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const shown = SEARCH_OPTIONS.some((name) => displayedFilters[name]);
  const toggle = () => {
    if (shown) {
      const kept = Object.fromEntries(
        Object.entries(filterValues).filter(
          ([name]) => !(SEARCH_OPTIONS as readonly string[]).includes(name),
        ),
      );
      setFilters(kept, {});
    } else {
      setFilters(filterValues, Object.fromEntries(SEARCH_OPTIONS.map((name) => [name, true])));
    }
  };
  return (
    <Button label="beh.orders.searchOptions" onClick={toggle} aria-expanded={shown}>
      <ManageSearchIcon />
    </Button>
  );
};
