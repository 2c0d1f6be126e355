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
  administrationNameSql,
  careUnitHsaIdSql,
  careUnitNameSql,
  careUnitSortSql,
  careUnitsNamedSql,
  fromCareUnits,
  joinAdministrationOf,
} from '../directory/directory.reads.js';

const BASE = fromCareUnits('cu');

/** The administration is shown only: the page's ids are chosen on the care units alone. */
const JOINS = { adm: joinAdministrationOf('adm', 'cu') };

/**
 * The search box of the unit picker: each word starts the unit's name or a later word of it (case-
 * and accent-insensitive), or its HSA-id (any case). The units a word names are found first by the
 * directory's name indexes (careUnitsNamedSql): folding each of a region's 1,500 names for every
 * search took ~10 ms, twice when the hits are counted too.
 */
const unitSearch: FilterSql = (filter, key, p) =>
  searchTokens(filterString(filter, key))
    .map((token) => {
      const word = p.add(likeEscape(token));
      return `(cu.id IN (${careUnitsNamedSql(word)}) OR upper(${careUnitHsaIdSql('cu')}) LIKE upper(${word}) || '%')`;
    })
    .join(' AND ') || undefined;

/** Which units a caller may delegate for: every one (administrators), or those in `careUnitIds`. */
export interface GrantableScope {
  all: boolean;
  careUnitIds: string[];
}

/**
 * The units the caller may delegate for, without their catalogues (one unit's catalogue is
 * GET /api/delegations/grantable-units/:id), by name. Without a scope: any unit, for reading one by id.
 */
export function grantableUnitListSpec(scope?: GrantableScope): ListSpec {
  return {
    resource: 'grantable-units',
    select: `cu.id, ${careUnitNameSql('cu')} AS name, ${careUnitHsaIdSql('cu')} AS "hsaId",
      ${administrationNameSql('adm')} AS "administrationName"`,
    base: BASE,
    joins: JOINS,
    from: joinedFrom(BASE, JOINS),
    idColumn: 'cu.id',
    filters: { id: idFilter('cu.id'), q: unitSearch },
    // The planner cannot estimate a name search: above the count limit its total is "more than".
    unestimated: ['q'],
    visible: (p) => (!scope || scope.all ? undefined : `cu.id = ANY(${p.add(scope.careUnitIds)}::uuid[])`),
    sortable: { name: careUnitSortSql('cu') },
    defaultSort: ['name', 'ASC'],
    tieBreak: `${careUnitSortSql('cu')}, cu.id`,
  };
}
