import { filterString } from '../common/list-query.js';
import {
  type FilterSql,
  idFilter,
  joinedFrom,
  likeEscape,
  type ListSpec,
  searchTokens,
} from '../common/sql.js';
import {
  accessAreaNameSql,
  accessOperationAreaIdSql,
  accessOperationNameSql,
  accessOperationSortSql,
  accessOperationsNamedSql,
  fromAccessOperations,
  joinAccessAreaOf,
} from '../access-catalogue/operation.reads.js';

const BASE = fromAccessOperations('ao');

const JOINS = { aa: joinAccessAreaOf('aa', 'ao') };

/** The search box of the verksamhet picker: each word starts the verksamhet's or its område's name (or a later word). */
const operationSearch: FilterSql = (filter, key, p) =>
  searchTokens(filterString(filter, key))
    .map((token) => `ao.id IN (${accessOperationsNamedSql(p.add(likeEscape(token)))})`)
    .join(' AND ') || undefined;

/** Which verksamheter a caller may delegate for: every one (administrators), or those in `operationIds`. */
export interface GrantableOperationScope {
  all: boolean;
  operationIds: string[];
}

/**
 * The verksamheter the caller may delegate for (heads: the ones they head; administrators: all),
 * by område, then name. Without a scope: any verksamhet, for reading one by id.
 */
export function grantableOperationListSpec(scope?: GrantableOperationScope): ListSpec {
  return {
    resource: 'grantable-operations',
    select: `ao.id, ${accessOperationNameSql('ao')} AS name, ${accessOperationAreaIdSql('ao')} AS "areaId",
      ${accessAreaNameSql('aa')} AS "areaName"`,
    base: BASE,
    joins: JOINS,
    from: joinedFrom(BASE, JOINS),
    idColumn: 'ao.id',
    filters: { id: idFilter('ao.id'), q: operationSearch },
    visible: (p) => (!scope || scope.all ? undefined : `ao.id = ANY(${p.add(scope.operationIds)}::uuid[])`),
    sortable: { name: accessOperationSortSql('ao', 'aa') },
    defaultSort: ['name', 'ASC'],
    tieBreak: `${accessOperationSortSql('ao', 'aa')}, ao.id`,
  };
}
