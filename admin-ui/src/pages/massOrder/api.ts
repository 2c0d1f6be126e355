import type { Identifier } from 'react-admin';
import { type HttpClient, jsonCalls, pathSegment, queryString } from '../../common/http';
import type { OrderableUnit } from '../../orders/types';
import type {
  Batch,
  Candidate,
  CandidateFilter,
  CheckResult,
  ImportReport,
  MassAssignment,
  MassOrderCheck,
  MassOrderSend,
  Member,
  Page,
  PlacedBatch,
} from './types';

export interface PageRequest {
  page: number;
  perPage: number;
}

/** Mass ordering's calls (docs/api-contract-mass-orders.md), added to the data provider. */
export interface MassOrderApi {
  /** The tree: every unit and assignment the user may order on (no end user). */
  getMassOrderUnits(): Promise<OrderableUnit[]>;
  getMassAssignment(assignmentId: Identifier): Promise<MassAssignment>;
  getMembers(assignmentId: Identifier, q: string, page: PageRequest): Promise<Page<Member>>;
  searchCandidates(
    assignmentId: Identifier,
    filter: CandidateFilter,
    page: PageRequest,
  ): Promise<Page<Candidate>>;
  importPersons(assignmentId: Identifier, text: string): Promise<ImportReport>;
  checkMassOrder(check: MassOrderCheck): Promise<CheckResult>;
  placeMassOrder(send: MassOrderSend): Promise<PlacedBatch>;
  getBatch(batchId: Identifier): Promise<Batch>;
}

/** `Content-Range: members 0-24/319` → 319. */
const totalOf = (headers: Headers, rows: number): number => {
  const total = /\/(\d+)\s*$/.exec(headers.get('Content-Range') ?? '')?.[1];
  return total === undefined ? rows : Number(total);
};

const range = ({ page, perPage }: PageRequest) => JSON.stringify([(page - 1) * perPage, page * perPage - 1]);

/** Only the fields with something in them: an empty field is no condition. */
const given = (filter: CandidateFilter): CandidateFilter =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => typeof value === 'string' && value.trim()));

export function massOrderApi(apiUrl: string, httpClient: HttpClient): MassOrderApi {
  const { get, post } = jsonCalls(apiUrl, httpClient);
  const getPage = async <T>(path: string): Promise<Page<T>> => {
    const { json, headers } = await httpClient(`${apiUrl}${path}`);
    const rows = json as T[];
    return { rows, total: totalOf(headers, rows.length) };
  };
  const assignmentPath = (id: Identifier) => `/mass-orders/assignments/${pathSegment(id)}`;
  return {
    getMassOrderUnits: async () =>
      (await get<{ units: OrderableUnit[] }>('/orderable-assignments?type=GRANT')).units,
    getMassAssignment: (assignmentId) => get(assignmentPath(assignmentId)),
    getMembers: (assignmentId, q, page) =>
      getPage(
        `${assignmentPath(assignmentId)}/members?${queryString({
          filter: JSON.stringify(q.trim() ? { q: q.trim() } : {}),
          range: range(page),
          sort: JSON.stringify(['lastName', 'ASC']),
        })}`,
      ),
    searchCandidates: (assignmentId, filter, page) =>
      getPage(
        `${assignmentPath(assignmentId)}/candidates?${queryString({
          filter: JSON.stringify(given(filter)),
          range: range(page),
          sort: JSON.stringify(['lastName', 'ASC']),
        })}`,
      ),
    importPersons: (assignmentId, text) => post('/mass-orders/import', { assignmentId, text }),
    checkMassOrder: (check) => post('/mass-orders/check', check),
    placeMassOrder: (send) => post('/mass-orders', send),
    getBatch: (batchId) => get(`/mass-orders/batches/${pathSegment(batchId)}`),
  };
}
