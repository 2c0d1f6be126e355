import { useMemo } from 'react';
import { type Identifier, useLogoutIfAccessDenied } from 'react-admin';
import { API_URL, type HttpClient, httpClient, jsonCalls, pathSegment } from '../common/http';
import type { FulfilmentCount, SettledPart } from './types';

/** The calls of the queue "Att utföra" beside the data provider's list and show. */
export interface FulfilmentApi {
  counts(): Promise<FulfilmentCount[]>;
  done(partId: Identifier, feedback: string | null): Promise<SettledPart>;
  refuse(partId: Identifier, reason: string): Promise<SettledPart>;
}

export function fulfilmentApi(apiUrl: string, client: HttpClient): FulfilmentApi {
  const { get, post } = jsonCalls(apiUrl, client);
  return {
    counts: () => get('/fulfilment/counts'),
    done: (partId, feedback) => post(`/fulfilment/${pathSegment(partId)}/done`, { feedback }),
    refuse: (partId, reason) => post(`/fulfilment/${pathSegment(partId)}/refuse`, { reason }),
  };
}

const plain = fulfilmentApi(API_URL, httpClient);

/** The calls, a lost session signing the user out as the data provider's calls do. */
export function useFulfilmentApi(): FulfilmentApi {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useMemo(() => {
    const guarded =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await call(...args);
        } catch (error) {
          await logoutIfAccessDenied(error);
          throw error;
        }
      };
    return { counts: guarded(plain.counts), done: guarded(plain.done), refuse: guarded(plain.refuse) };
  }, [logoutIfAccessDenied]);
}
