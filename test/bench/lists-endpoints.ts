/**
 * Every list and detail endpoint the admin UI calls, with the query strings it sends them
 * (ra-data-simple-rest's `filter`/`range`/`sort`, the feature api.ts calls), as the persona who
 * would: the administrator, the attestant `sarbe3`, the orderer `eriho2`, the head of unit `karlu1`
 * and the staff member `linma5`. The ids and words they use are read from the database first.
 */
import type pg from 'pg';

export type Persona = 'admin1' | 'karlu1' | 'eriho2' | 'sarbe3' | 'linma5';
export const PERSONAS: readonly Persona[] = ['admin1', 'karlu1', 'eriho2', 'sarbe3', 'linma5'];

export interface Endpoint {
  /** What is asked, in a few words. */
  label: string;
  as: Persona;
  /** Path and query under the server, `/api/…`. */
  path: string;
  /** ra-data-simple-rest's getList also sends `Range: <resource>=<from>-<to>`. */
  range?: string;
  /** Targets: ≥ 1,000 requests/s at concurrency 20 (person lookup, attest queue). */
  throughputTarget?: boolean;
}

/** The ids and search words the endpoints use, found in the database being measured. */
export interface Fixtures {
  person: Record<Persona, string>;
  /** Vårdcentralen Solgläntan (karlu1 heads it; eriho2 and sarbe3 are delegates there). */
  unitId: string;
  administrationId: string;
  administrationWord: string;
  assignmentId: string;
  /** The assignment of the unit with most holders: mass ordering's members page. */
  busyAssignmentId: string;
  /** The commonest last name of the directory, and its first two letters. */
  commonLastName: string;
  shortPrefix: string;
  personnummer: string;
  hsaId: string;
  passportNumber: string | undefined;
  engagementId: string | undefined;
  /** eriho2's newest order: the first row of "Mina beställningar". */
  myOrderId: string | undefined;
  myOrderNumberPrefix: string | undefined;
  /** The newest order in sarbe3's queue. */
  queueOrderId: string | undefined;
  completedOrderId: string | undefined;
  delegationId: string | undefined;
  auditEventId: string | undefined;
  /** The actors of the newest page of audit events: the page's getMany of persons. */
  auditActorIds: string[];
  mailId: string | undefined;
  batchId: string | undefined;
  today: string;
  monthAgo: string;
  weekAgo: string;
}

const stockholmDay = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(date);

export async function findFixtures(pool: pg.Pool): Promise<Fixtures> {
  const row = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> =>
    (await pool.query(sql, params)).rows[0] as T | undefined;
  const person = {} as Record<Persona, string>;
  for (const userId of PERSONAS) {
    const found = await row<{ id: string }>('SELECT id FROM person WHERE user_id = $1', [userId]);
    if (!found) {
      throw new Error(
        `the database has no person ${userId}: build the region first (npm run bench:region), which is made on top of the demo seed`,
      );
    }
    person[userId] = found.id;
  }
  const unit = await row<{ id: string; administration_id: string; admin_name: string }>(
    `SELECT cu.id, cu.administration_id, a.name AS admin_name
       FROM care_unit cu JOIN administration a ON a.id = cu.administration_id
      WHERE cu.head_of_unit_id = $1 ORDER BY cu.name = 'Vårdcentralen Solgläntan' DESC, cu.name LIMIT 1`,
    [person.karlu1],
  );
  if (!unit) throw new Error('karlu1 heads no care unit');
  const assignment = await row<{ id: string }>(
    'SELECT id FROM assignment WHERE care_unit_id = $1 ORDER BY name LIMIT 1',
    [unit.id],
  );
  const busy = await row<{ id: string }>(
    `SELECT a.id FROM assignment a
       LEFT JOIN held_assignment h ON h.assignment_id = a.id AND h.valid_to IS NULL
      WHERE a.care_unit_id = $1 GROUP BY a.id ORDER BY count(h.id) DESC, a.id LIMIT 1`,
    [unit.id],
  );
  const common = await row<{ last_name: string }>(
    'SELECT last_name FROM person GROUP BY last_name ORDER BY count(*) DESC, last_name LIMIT 1',
  );
  const linma = await row<{ personnummer: string; hsa_id: string }>(
    'SELECT personnummer, hsa_id FROM person WHERE id = $1',
    [person.linma5],
  );
  const passport = await row<{ passport_number: string }>(
    `SELECT passport_number FROM person WHERE passport_number IS NOT NULL
      ORDER BY user_id = 'ahmal7' DESC, id LIMIT 1`,
  );
  const engagement = await row<{ id: string }>(
    'SELECT id FROM engagement WHERE person_id = $1 ORDER BY valid_from DESC, id LIMIT 1',
    [person.linma5],
  );
  const myOrder = await row<{ id: string; order_number: string }>(
    `SELECT id, order_number FROM vmu_order WHERE orderer_id = $1
      ORDER BY created_at DESC, order_number DESC LIMIT 1`,
    [person.eriho2],
  );
  const queueOrder = await row<{ id: string }>(
    `SELECT id FROM vmu_order WHERE attestant_id = $1 AND status = 'AWAITING_ATTEST'
      ORDER BY created_at DESC, order_number DESC LIMIT 1`,
    [person.sarbe3],
  );
  const completed = await row<{ id: string }>(
    `SELECT id FROM vmu_order WHERE status = 'COMPLETED' AND care_unit_id = $1
      ORDER BY created_at DESC, order_number DESC LIMIT 1`,
    [unit.id],
  );
  const delegation = await row<{ id: string }>(
    'SELECT id FROM delegation WHERE care_unit_id = $1 ORDER BY valid_from DESC, id LIMIT 1',
    [unit.id],
  );
  const events = (
    await pool.query<{ id: string; actor_id: string | null }>(
      'SELECT id, actor_id FROM audit_event ORDER BY at DESC, id DESC LIMIT 25',
    )
  ).rows;
  const mail = await row<{ id: string }>('SELECT id FROM mail_outbox ORDER BY created_at DESC, id LIMIT 1');
  const batch = await row<{ id: string }>(
    'SELECT id FROM mass_order_batch WHERE orderer_id = $1 ORDER BY created_at DESC, id LIMIT 1',
    [person.eriho2],
  );
  const now = Date.now();
  const day = 24 * 3600 * 1000;
  return {
    person,
    unitId: unit.id,
    administrationId: unit.administration_id,
    administrationWord: unit.admin_name.split(/\s+/)[0],
    assignmentId: assignment?.id ?? '',
    busyAssignmentId: busy?.id ?? assignment?.id ?? '',
    commonLastName: common?.last_name ?? 'Johansson',
    shortPrefix: (common?.last_name ?? 'Jo').slice(0, 2),
    personnummer: linma?.personnummer ?? '',
    hsaId: linma?.hsa_id ?? '',
    passportNumber: passport?.passport_number,
    engagementId: engagement?.id,
    myOrderId: myOrder?.id,
    myOrderNumberPrefix: myOrder?.order_number.slice(0, 7),
    queueOrderId: queueOrder?.id,
    completedOrderId: completed?.id,
    delegationId: delegation?.id,
    auditEventId: events[0]?.id,
    auditActorIds: [...new Set(events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])))],
    mailId: mail?.id,
    batchId: batch?.id,
    today: stockholmDay(new Date(now)),
    monthAgo: stockholmDay(new Date(now - 30 * day)),
    weekAgo: stockholmDay(new Date(now - 7 * day)),
  };
}

type Sort = [string, 'ASC' | 'DESC'];

/** react-admin's getList: `?filter=…&range=[from,to]&sort=[field,order]` and the Range header. */
function getList(
  label: string,
  as: Persona,
  resource: string,
  filter: Record<string, unknown>,
  sort: Sort,
  perPage: number,
  from = 0,
): Endpoint {
  const to = from + perPage - 1;
  const query = new URLSearchParams({
    filter: JSON.stringify(filter),
    range: JSON.stringify([from, to]),
    sort: JSON.stringify(sort),
  });
  return { label, as, path: `/api/${resource}?${query}`, range: `${resource}=${from}-${to}` };
}

/** A plain GET, as the feature api.ts files and getOne send it. */
const get = (label: string, as: Persona, path: string): Endpoint => ({ label, as, path: `/api${path}` });

/** react-admin's getMany: only `filter={"id":[…]}`. */
const getMany = (label: string, as: Persona, resource: string, ids: string[]): Endpoint =>
  get(label, as, `/${resource}?${new URLSearchParams({ filter: JSON.stringify({ id: ids }) })}`);

const present = <T>(items: (T | undefined | false)[]): T[] => items.filter((i): i is T => Boolean(i));

export function endpoints(f: Fixtures): Endpoint[] {
  const persons = (
    label: string,
    filter: Record<string, unknown>,
    sort: Sort = ['lastName', 'ASC'],
    from = 0,
  ) => getList(`persons ${label}`, 'admin1', 'persons', filter, sort, 25, from);
  const units = (label: string, filter: Record<string, unknown>, from = 0) =>
    getList(`care-units ${label}`, 'admin1', 'care-units', filter, ['name', 'ASC'], 25, from);
  const assignments = (
    label: string,
    filter: Record<string, unknown>,
    sort: Sort = ['careUnitName', 'ASC'],
    from = 0,
  ) => getList(`assignments ${label}`, 'admin1', 'assignments', filter, sort, 25, from);
  const orders = (
    label: string,
    as: Persona,
    filter: Record<string, unknown>,
    sort: Sort = ['createdAt', 'DESC'],
    from = 0,
  ) => getList(`orders ${label}`, as, 'orders', filter, sort, 15, from);
  const queue = (
    label: string,
    filter: Record<string, unknown>,
    sort: Sort = ['createdAt', 'DESC'],
    from = 0,
  ) => ({
    ...getList(`attest queue ${label}`, 'sarbe3', 'attest/queue', filter, sort, 25, from),
    throughputTarget: true,
  });
  const audit = (label: string, filter: Record<string, unknown>, from = 0) =>
    getList(`audit-events ${label}`, 'admin1', 'audit-events', filter, ['at', 'DESC'], 25, from);
  const outbox = (label: string, filter: Record<string, unknown>, from = 0) =>
    getList(`outbox ${label}`, 'admin1', 'outbox', filter, ['createdAt', 'DESC'], 25, from);
  const delegations = (label: string, as: Persona, filter: Record<string, unknown>) =>
    getList(`delegations ${label}`, as, 'delegations', filter, ['validFrom', 'DESC'], 25);
  const lookup = (label: string, query: Record<string, string>): Endpoint => ({
    ...get(`person lookup ${label}`, 'eriho2', `/persons/lookup?${new URLSearchParams(query)}`),
    throughputTarget: true,
  });
  const mass = `/mass-orders/assignments/${f.busyAssignmentId}`;
  const massPage = (what: string, filter: Record<string, unknown>, perPage: number) =>
    `${mass}/${what}?${new URLSearchParams({
      filter: JSON.stringify(filter),
      range: JSON.stringify([0, perPage - 1]),
      sort: JSON.stringify(['lastName', 'ASC']),
    })}`;
  const month = { from: f.monthAgo, to: f.today };

  return present<Endpoint>([
    get('/api/me', 'admin1', '/me'),
    get('/api/me', 'karlu1', '/me'),
    get('/api/me', 'eriho2', '/me'),
    get('/api/me', 'sarbe3', '/me'),

    persons('first page', {}),
    persons(`q name prefix "${f.shortPrefix}"`, { q: f.shortPrefix }),
    persons(`q last name "${f.commonLastName}"`, { q: f.commonLastName }),
    persons('q two words "karin lund"', { q: 'karin lund' }),
    persons('q VGR-ID "karlu1"', { q: 'karlu1' }),
    persons(`q organisation "${f.administrationWord}"`, { q: f.administrationWord }),
    persons('careUnitId', { careUnitId: f.unitId }),
    persons('administrationId', { administrationId: f.administrationId }),
    persons('active=true', { active: true }),
    persons('active=false', { active: false }),
    persons('sort firstName', {}, ['firstName', 'ASC']),
    persons('sort userId', {}, ['userId', 'ASC']),
    persons('sort hsaId DESC', {}, ['hsaId', 'DESC']),
    persons(`q "${f.shortPrefix}" + active=true`, { q: f.shortPrefix, active: true }),
    persons('page at 5,000', {}, ['lastName', 'ASC'], 5_000),
    persons('page at 50,000', {}, ['lastName', 'ASC'], 50_000),
    f.auditActorIds.length > 0 &&
      getMany(
        `persons getMany (${f.auditActorIds.length} audit actors)`,
        'admin1',
        'persons',
        f.auditActorIds,
      ),
    get('persons/:id', 'admin1', `/persons/${f.person.linma5}`),
    lookup('personnummer', { personnummer: f.personnummer }),
    lookup('hsaId', { hsaId: f.hsaId }),
    f.passportNumber !== undefined && lookup('passportNumber', { passportNumber: f.passportNumber }),

    units('first page', {}),
    units('q "vård"', { q: 'vård' }),
    units('administrationId', { administrationId: f.administrationId }),
    units('careProviderKind=PRIVATE', { careProviderKind: 'PRIVATE' }),
    units('headOfUnitId', { headOfUnitId: f.person.karlu1 }),
    units('page at 1,000', {}, 1_000),
    get('care-units/:id', 'admin1', `/care-units/${f.unitId}`),
    assignments('first page', {}),
    assignments('q "vob"', { q: 'vob' }),
    assignments('careUnitId', { careUnitId: f.unitId }),
    assignments('purpose', { purpose: 'STATISTICS' }),
    assignments('kind', { kind: 'SPECIAL' }),
    assignments('sort name', {}, ['name', 'ASC']),
    assignments('page at 5,000', {}, ['careUnitName', 'ASC'], 5_000),
    get('assignments/:id', 'admin1', `/assignments/${f.assignmentId}`),
    getList('systems first page', 'admin1', 'systems', {}, ['systemName', 'ASC'], 25),
    getList('systems (wizard guide)', 'eriho2', 'systems', {}, ['systemName', 'ASC'], 100),
    getList('administrations (filter choices)', 'admin1', 'administrations', {}, ['name', 'ASC'], 100),
    getList('care-providers first page', 'admin1', 'care-providers', {}, ['name', 'ASC'], 25),
    f.engagementId !== undefined && get('engagements/:id', 'admin1', `/engagements/${f.engagementId}`),

    orders('mine', 'eriho2', { scope: 'mine' }),
    orders('mine status=AWAITING_ATTEST', 'eriho2', { scope: 'mine', status: 'AWAITING_ATTEST' }),
    orders(`mine endUser "${f.commonLastName}"`, 'eriho2', { scope: 'mine', endUser: f.commonLastName }),
    f.myOrderNumberPrefix !== undefined &&
      orders(`mine orderNumber "${f.myOrderNumberPrefix}"`, 'eriho2', {
        scope: 'mine',
        orderNumber: f.myOrderNumberPrefix,
      }),
    orders('mine last 30 days', 'eriho2', { scope: 'mine', ...month }),
    orders('mine sort endUserName', 'eriho2', { scope: 'mine' }, ['endUserName', 'ASC']),
    orders('mine page at 5,000', 'eriho2', { scope: 'mine' }, ['createdAt', 'DESC'], 5_000),
    orders('all', 'admin1', { scope: 'all' }),
    orders('all status=APPROVED', 'admin1', { scope: 'all', status: 'APPROVED' }),
    orders('all status=AWAITING_ATTEST', 'admin1', { scope: 'all', status: 'AWAITING_ATTEST' }),
    orders(`all endUser "${f.commonLastName}"`, 'admin1', { scope: 'all', endUser: f.commonLastName }),
    orders('all orderer "eriho2"', 'admin1', { scope: 'all', orderer: 'eriho2' }),
    f.myOrderNumberPrefix !== undefined &&
      orders(`all orderNumber "${f.myOrderNumberPrefix}"`, 'admin1', {
        scope: 'all',
        orderNumber: f.myOrderNumberPrefix,
      }),
    orders('all type=REVOKE', 'admin1', { scope: 'all', type: 'REVOKE' }),
    orders('all careUnitId', 'admin1', { scope: 'all', careUnitId: f.unitId }),
    orders('all last 30 days', 'admin1', { scope: 'all', ...month }),
    orders('all status+type+30 days', 'admin1', {
      scope: 'all',
      status: 'COMPLETED',
      type: 'GRANT',
      ...month,
    }),
    orders('all sort endUserName', 'admin1', { scope: 'all' }, ['endUserName', 'ASC']),
    orders('all sort ordererName DESC', 'admin1', { scope: 'all' }, ['ordererName', 'DESC']),
    orders('all sort orderNumber', 'admin1', { scope: 'all' }, ['orderNumber', 'ASC']),
    orders('all sort status', 'admin1', { scope: 'all' }, ['status', 'ASC']),
    orders('all page at 5,000', 'admin1', { scope: 'all' }, ['createdAt', 'DESC'], 5_000),
    orders('all page at 50,000', 'admin1', { scope: 'all' }, ['createdAt', 'DESC'], 50_000),
    orders('unit scope (head)', 'karlu1', { scope: 'all' }),
    orders('unit scope status=COMPLETED', 'karlu1', { scope: 'all', status: 'COMPLETED' }),
    orders(`unit scope endUser "${f.commonLastName}"`, 'karlu1', { scope: 'all', endUser: f.commonLastName }),
    orders('unit scope last 30 days', 'karlu1', { scope: 'all', ...month }),
    orders('unit scope page at 5,000', 'karlu1', { scope: 'all' }, ['createdAt', 'DESC'], 5_000),
    orders('end user scope', 'linma5', { scope: 'enduser' }),
    f.myOrderId !== undefined && get('orders/:id (orderer)', 'eriho2', `/orders/${f.myOrderId}`),
    f.myOrderId !== undefined && get('orders/:id (admin)', 'admin1', `/orders/${f.myOrderId}`),
    f.completedOrderId !== undefined &&
      get('orders/:id/signature', 'admin1', `/orders/${f.completedOrderId}/signature`),

    queue('first page', {}),
    queue('tab urgent', { urgent: true }),
    queue('tab due', { due: true }),
    queue('tab batches', { inBatch: true }),
    queue(`q "${f.commonLastName}"`, { q: f.commonLastName }),
    queue('endUser + orderer', { endUser: f.shortPrefix, orderer: 'eriho2' }),
    queue('careUnitId + type', { careUnitId: f.unitId, type: 'GRANT' }),
    queue('ordered last 30 days', { ...month }),
    queue('start date from a week ago', { startFrom: f.weekAgo, startTo: f.today }),
    queue('sort endUserName', {}, ['endUserName', 'ASC']),
    queue('sort startDate', {}, ['startDate', 'ASC']),
    queue('page at 100', {}, ['createdAt', 'DESC'], 100),
    {
      ...get('attest counts', 'sarbe3', `/attest/counts?${new URLSearchParams({ filter: '{}' })}`),
      throughputTarget: true,
    },
    get(
      'attest counts q',
      'sarbe3',
      `/attest/counts?${new URLSearchParams({ filter: JSON.stringify({ q: f.commonLastName }) })}`,
    ),
    getList('attest batches', 'sarbe3', 'attest/batches', {}, ['createdAt', 'DESC'], 100),
    f.queueOrderId !== undefined && get('attest/orders/:id', 'sarbe3', `/attest/orders/${f.queueOrderId}`),
    getList('attest queue (head)', 'karlu1', 'attest/queue', {}, ['createdAt', 'DESC'], 25),

    get('orderable tree (mass order)', 'eriho2', '/orderable-assignments?type=GRANT'),
    get('orderable tree (admin, all units)', 'admin1', '/orderable-assignments?type=GRANT'),
    get(
      'orderable assignments GRANT (wizard)',
      'eriho2',
      `/orderable-assignments?${new URLSearchParams({ endUserId: f.person.linma5, type: 'GRANT' })}`,
    ),
    get(
      'orderable assignments REVOKE (wizard)',
      'eriho2',
      `/orderable-assignments?${new URLSearchParams({ endUserId: f.person.linma5, type: 'REVOKE' })}`,
    ),
    get('attestants', 'eriho2', `/attestants?${new URLSearchParams({ careUnitId: f.unitId })}`),
    get(
      'attestants for an assignment',
      'eriho2',
      `/attestants?${new URLSearchParams({ careUnitId: f.unitId, assignmentIds: f.assignmentId })}`,
    ),
    get('mass order assignment', 'eriho2', mass),
    get('mass order members', 'eriho2', massPage('members', {}, 25)),
    get(`mass order members q "${f.shortPrefix}"`, 'eriho2', massPage('members', { q: f.shortPrefix }, 25)),
    get(
      `mass order candidates lastName "${f.shortPrefix}"`,
      'eriho2',
      massPage('candidates', { lastName: f.shortPrefix }, 50),
    ),
    get(
      `mass order candidates organisation "${f.administrationWord}"`,
      'eriho2',
      massPage('candidates', { organisation: f.administrationWord }, 50),
    ),
    f.batchId !== undefined && get('mass order batch', 'eriho2', `/mass-orders/batches/${f.batchId}`),

    delegations('first page', 'admin1', {}),
    delegations('status=ACTIVE', 'admin1', { status: 'ACTIVE' }),
    delegations(`q "${f.shortPrefix}"`, 'admin1', { q: f.shortPrefix }),
    delegations('delegateId', 'admin1', { delegateId: f.person.eriho2 }),
    delegations('careUnitId', 'admin1', { careUnitId: f.unitId }),
    delegations('grantorId', 'admin1', { grantorId: f.person.karlu1 }),
    delegations('first page (head)', 'karlu1', {}),
    f.delegationId !== undefined && get('delegations/:id', 'karlu1', `/delegations/${f.delegationId}`),
    getList(
      'delegations grantable units first page (head)',
      'karlu1',
      'delegations/grantable-units',
      {},
      ['name', 'ASC'],
      25,
    ),
    getList(
      'delegations grantable units first page (admin)',
      'admin1',
      'delegations/grantable-units',
      {},
      ['name', 'ASC'],
      25,
    ),
    getList(
      'delegations grantable units q "vårdc" (admin)',
      'admin1',
      'delegations/grantable-units',
      { q: 'vårdc' },
      ['name', 'ASC'],
      25,
    ),
    get('delegations/grantable-units/:id', 'karlu1', `/delegations/grantable-units/${f.unitId}`),

    audit('first page', {}),
    audit('entityType=order', { entityType: 'order' }),
    f.myOrderId !== undefined && audit('entityType+entityId', { entityType: 'order', entityId: f.myOrderId }),
    audit('action=ORDER_COMPLETED', { action: 'ORDER_COMPLETED' }),
    audit('one day a week ago', { from: f.weekAgo, to: f.weekAgo }),
    audit('page at 5,000', {}, 5_000),
    audit('page at 50,000', {}, 50_000),
    f.auditEventId !== undefined && get('audit-events/:id', 'admin1', `/audit-events/${f.auditEventId}`),

    outbox('first page', {}),
    outbox('status=PENDING', { status: 'PENDING' }),
    outbox('q "eriho2"', { q: 'eriho2' }),
    outbox('page at 5,000', {}, 5_000),
    f.mailId !== undefined && get('outbox/:id', 'admin1', `/outbox/${f.mailId}`),
  ]);
}
