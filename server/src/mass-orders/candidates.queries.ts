import { filterString } from '../common/list-query.js';
import { type FilterSql, likeEscape, type SearchSpec } from '../common/sql.js';
import {
  engagedAtOrganisationSql,
  fromPersons,
  personActiveSql,
  personNameStartsSql,
  personSearchOrder,
  personUserIdStartsSql,
} from '../directory/directory.reads.js';
import { candidateMarks, PERSON_SELECT, personWords } from './people.queries.js';

/** A field of the seed's form, matched as one phrase ("Linda Maria", "Vårdcentralen Sol"). */
const phrase =
  (condition: (param: string) => string): FilterSql =>
  (filter, key, p) => {
    const text = filterString(filter, key)?.trim();
    return text ? condition(p.add(likeEscape(text))) : undefined;
  };

/**
 * People to add: searched by first name, last name, VGR-ID and organisation (the care unit or
 * administration of an active engagement) as the seed's form has them, each given field a
 * condition; `q` is the persons list's free text. Nothing given, nothing searched.
 *
 * A search of the whole directory (searchRows): the page is found on its own, by a top-N sort or
 * the name index, and counted beside it; the marks for the assignment are computed for the page
 * only.
 */
export function candidateSearch(assignmentId: string): SearchSpec {
  const order = personSearchOrder('p');
  return {
    resource: 'candidates',
    select: PERSON_SELECT,
    from: fromPersons('p'),
    idColumn: 'p.id',
    late: (p, ctx) => candidateMarks(assignmentId, p, ctx.today),
    filters: {
      firstName: phrase((param) => personNameStartsSql('p', 'firstName', param)),
      lastName: phrase((param) => personNameStartsSql('p', 'lastName', param)),
      userId: phrase((param) => personUserIdStartsSql('p', param)),
      // `(… IN …) IS TRUE` keeps the organisation's persons a hashed set that the walk in name order
      // probes (built once, ~10,000 for "Närhälsan"); as a plain IN the planner joined them instead,
      // read each of them by id and sorted them all for a page of fifty (~30 ms on a region).
      organisation: (filter, key, p, ctx) =>
        phrase((param) => `(${engagedAtOrganisationSql('p.id', param, p.add(ctx.today))}) IS TRUE`)(
          filter,
          key,
          p,
          ctx,
        ),
      q: personWords,
    },
    sortable: order.sortable,
    defaultSort: ['lastName', 'ASC'],
    tieBreak: order.tieBreak,
    emptyUnfiltered: true,
    // Protected identities are not searched (docs/domain.md): found only by an exact lookup, which
    // is logged. Administrators, who may list them, have no ordering rights and never search here.
    // Nor are persons gone from the directory (KIV, rule 37): they are added for no new grant.
    visible: () => `NOT p.protected_identity AND ${personActiveSql('p')}`,
    // Name searches: the planner's estimate of their hits is no guide (common/sql unestimated).
    unestimated: ['firstName', 'lastName', 'userId', 'organisation', 'q'],
    // Hits of a last-name prefix lie together in name order, but the planner takes them for spread
    // out and would walk the name index from A to find the first fifty "Jo…": there a sort of the
    // hits (found by the folded-name index) is far cheaper.
    pageOrder: (filter) =>
      filterString(filter, 'lastName') || filterString(filter, 'q')
        ? personSearchOrder('p', false)
        : undefined,
  };
}
