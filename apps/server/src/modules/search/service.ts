// 综合搜索 the search box: enterprises, people and chambers matching one query, each kind within the
// caller's scope, merged into one list ranked exact → prefix → fragment. Mobile numbers are searched only
// for those who may see them (contacts.unmask); otherwise a number is just text.
import {
  CHAMBER_TYPE_LABELS,
  ORG_UNIT_KIND_LABELS,
  SEARCH_KINDS,
  type ChamberType,
  type OrgUnitKind,
  type SearchItem,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { chambersInScope } from '../chambers/repository.ts';
import { searchEnterprises as enterprisesMatching } from '../enterprises/repository.ts';
import { positionsOf, searchPeople as peopleMatching } from '../people/repository.ts';
import { classifyQuery, type QueryKind } from '../../core/search/search-keys.ts';
import { matchName, searchKeysOfCached, type NameMatch } from '../../core/search/name-match.ts';

interface Query {
  kind: QueryKind;
  value: string;
  canSearchMobile: boolean;
}

type Candidate = SearchItem & { sortKey: string };

/** A mobile number typed by someone who may not search numbers is only text. */
function asNameQuery(query: Query): { kind: QueryKind; value: string } {
  return query.kind === 'mobile' ? { kind: 'text', value: query.value } : query;
}

async function searchEnterprises(db: DbOrTx, actor: Actor, q: string, query: Query, limit: number) {
  const rows = await enterprisesMatching(db, actor, q, query.canSearchMobile, limit);
  return rows.map((row): Candidate => {
    let match: NameMatch | undefined;
    if (query.kind === 'uscc') match = { rank: row.uscc === query.value ? 0 : 1, matchedBy: 'uscc' };
    else if (query.kind === 'mobile' && query.canSearchMobile) match = { rank: 0, matchedBy: 'mobile' };
    else match = matchName(asNameQuery(query), { names: [row.name, ...row.formerNames], ...row });
    return {
      kind: 'enterprise',
      id: row.id,
      title: row.name,
      subtitle: `${row.uscc} · ${row.orgUnitName}`,
      ...(match ?? { rank: 2, matchedBy: 'name' }),
      sortKey: row.sortKey,
    };
  });
}

async function searchPeople(db: DbOrTx, actor: Actor, q: string, query: Query, limit: number) {
  const rows = await peopleMatching(db, actor, q, query.canSearchMobile, limit);
  const positions = await positionsOf(
    db,
    actor,
    rows.map((r) => r.id),
  );
  return rows.map((row): Candidate => {
    const match: NameMatch | undefined =
      query.kind === 'mobile' && query.canSearchMobile
        ? { rank: 0, matchedBy: 'mobile' }
        : matchName(asNameQuery(query), { names: [row.name], ...row });
    const position = positions.find((p) => p.personId === row.id);
    return {
      kind: 'person',
      id: row.id,
      title: row.name,
      subtitle: position ? `${position.enterpriseName} · ${position.position}` : row.orgUnitName,
      ...(match ?? { rank: 2, matchedBy: 'name' }),
      sortKey: row.sortKey,
    };
  });
}

/** Chambers are few: their names are matched here, pinyin computed on the fly. */
async function searchChambers(db: DbOrTx, actor: Actor, query: Query): Promise<Candidate[]> {
  if (query.kind === 'uscc' || (query.kind === 'mobile' && query.canSearchMobile)) return [];
  const found: Candidate[] = [];
  for (const row of await chambersInScope(db, actor)) {
    const keys = searchKeysOfCached(row.name);
    const match = matchName(asNameQuery(query), { names: [row.name], ...keys });
    if (!match) continue;
    const type = row.chamberType
      ? CHAMBER_TYPE_LABELS[row.chamberType as ChamberType]
      : ORG_UNIT_KIND_LABELS[row.kind as OrgUnitKind].zh;
    found.push({
      kind: 'chamber',
      id: row.id,
      title: row.name,
      subtitle: row.parentName ? `${type} · ${row.parentName}` : type,
      ...match,
      sortKey: keys.sortKey,
    });
  }
  return found;
}

export async function search(ctx: AppContext, actor: Actor, q: string, limit: number): Promise<SearchItem[]> {
  const classified = classifyQuery(q);
  if (classified.value === '') return [];
  const query: Query = { ...classified, canSearchMobile: actor.permissions.has('contacts.unmask') };
  const db = ctx.database.db;
  const lists = await Promise.all([
    searchEnterprises(db, actor, q, query, limit),
    searchPeople(db, actor, q, query, limit),
    searchChambers(db, actor, query),
  ]);
  return lists
    .flat()
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind) ||
        (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0),
    )
    .slice(0, limit)
    .map(({ sortKey: _, ...item }) => item);
}
