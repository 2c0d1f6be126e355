import { useMemo, useState } from 'react';
import type { Identifier } from 'react-admin';
import { useLoaded } from '../../orders/useLoaded';
import type { Candidate, CandidateFilter } from './types';
import { useMassOrderApi } from './useMassOrderApi';

export const SEARCH_PAGE_SIZES = [25, 50, 100];
/** The server's largest page, for fetching every hit at once. */
const BULK_PAGE = 200;
/** A send takes at most 2,000 persons, so more hits than that are never moved at once. */
export const MOVE_ALL_LIMIT = 2000;

/**
 * "Sök person(er)": the submitted search, paged on the server, and every hit for "flytta alla".
 * `initial`: the draft's last search, shown again after a reload.
 */
export function useCandidateSearch(assignmentId: Identifier, initial: CandidateFilter | null = null) {
  const api = useMassOrderApi();
  const [filter, setFilter] = useState<CandidateFilter | null>(initial);
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(SEARCH_PAGE_SIZES[1]);
  const result = useLoaded(
    useMemo(
      () => (filter ? () => api.searchCandidates(assignmentId, filter, { page, perPage }) : null),
      [api, assignmentId, filter, page, perPage],
    ),
  );

  const search = (next: CandidateFilter) => {
    setFilter({ ...next });
    setPage(1);
  };

  /** Every hit of the current search (up to MOVE_ALL_LIMIT), a few large pages rather than one call a person. */
  const allHits = async (): Promise<Candidate[]> => {
    if (!filter) return [];
    const hits: Candidate[] = [];
    for (let bulkPage = 1; hits.length < MOVE_ALL_LIMIT; bulkPage += 1) {
      const { rows, total } = await api.searchCandidates(assignmentId, filter, {
        page: bulkPage,
        perPage: BULK_PAGE,
      });
      hits.push(...rows);
      if (rows.length < BULK_PAGE || hits.length >= total) break;
    }
    return hits.slice(0, MOVE_ALL_LIMIT);
  };

  return {
    searched: filter !== null,
    result: filter ? result : null,
    page,
    perPage,
    setPage,
    setPerPage: (size: number) => {
      setPerPage(size);
      setPage(1);
    },
    search,
    allHits,
  };
}
