import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { type AttestApi, attestApi } from './attest/api';
import { type AuditApi, auditApi } from './auditEvents/api';
import { API_URL, type HttpClient, httpClient } from './common/http';
import { type DelegationApi, delegationApi } from './delegations/api';
import { type OrderApi, orderApi } from './orders/api';
import { type MassOrderApi, massOrderApi } from './pages/massOrder/api';
import { getOneWithPurpose } from './persons/purpose';

/** ra-data-simple-rest's CRUD plus the portal's calls that are not CRUD (atomic-crm style). */
export type BehDataProvider = DataProvider & DelegationApi & OrderApi & MassOrderApi & AuditApi & AttestApi;

/**
 * ra-data-simple-rest's getList, passing on what the total is (X-Total-Kind: exact, estimate or
 * at-least, common/ListPagination) as the result's `meta.totalKind`; Content-Range stays the total.
 */
const getListWithTotalKind =
  (client: HttpClient): DataProvider['getList'] =>
  async (resource, params) => {
    let totalKind = 'exact';
    const recording: HttpClient = async (url, options) => {
      const response = await client(url, options);
      totalKind = response.headers.get('X-Total-Kind') ?? 'exact';
      return response;
    };
    const result = await simpleRestProvider(API_URL, recording).getList(resource, params);
    return { ...result, meta: { ...result.meta, totalKind } };
  };

export function createDataProvider(client: HttpClient = httpClient): BehDataProvider {
  return {
    ...simpleRestProvider(API_URL, client),
    getList: getListWithTotalKind(client),
    getOne: getOneWithPurpose(API_URL, client),
    ...delegationApi(API_URL, client),
    ...orderApi(API_URL, client),
    ...massOrderApi(API_URL, client),
    ...auditApi(API_URL, client),
    ...attestApi(API_URL, client),
  };
}

export const dataProvider = createDataProvider();
