import { frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import type { AnswerDependencies, CacheInvalidation } from '@frm/read-cache';
import { decodeEvent } from '../../event-codec/feature-request-event.codec';
import { VOTE_EVENT_PREFIX, voteTallyEffectOf } from '../../read-model/vote-tally-effect';
import type { FeatureRequestSort } from './feature-request-filter';

/**
 * Which cached board pages a change can alter. A page shows rows and covers a stretch of its sort,
 * from its last row (or the end, on the last page) up to its cursor (or the top, on the first
 * page), so it changes only when a row it shows changes (its row scope) or a row enters that
 * stretch (a point on the sort's axis: the row's sort key as numbers), whatever the page's filters. Every page of a sort also belongs to its sort's scope.
 */

/** The `trending` rank of a request without counted votes: the rank of a zero trend sum (see trend-rank.ts). */
const RANK_OF_NO_TREND = 1e40;

export function sortScope(sort: FeatureRequestSort): string {
  return `sort:${sort}`;
}

export function rowScope(featureRequestId: string): string {
  return `row:${featureRequestId.toLowerCase()}`;
}

/**
 * A sort key (a page token's cursor: the sort's columns, then the id) as numbers on its sort's
 * axis, without the id: its order never contradicts the keys' (ties stay ties). Times to the
 * millisecond: a cursor's microseconds fall away.
 */
export function positionOf(sort: FeatureRequestSort, key: readonly string[]): number[] {
  return sort === 'new' ? [Date.parse(key[0] ?? '')] : [Number(key[0]), Date.parse(key[1] ?? '')];
}

/** Where a request stands in a sort, from its columns: its counted votes or trend rank, and its creation time. */
export function positionOfRequest(sort: FeatureRequestSort, rank: number, createdAtMs: number): number[] {
  return sort === 'new' ? [createdAtMs] : [rank, createdAtMs];
}

/** What a page depends on: the rows it shows, and the stretch of its sort between its last row and its cursor. */
export function listPageDependencies(
  sort: FeatureRequestSort,
  rowIds: readonly string[],
  after: readonly string[] | undefined,
  lastOfMore: readonly string[] | undefined,
): AnswerDependencies {
  // The cursor's end takes in its whole millisecond.
  const to = after ? positionOf(sort, after).map((part, index, parts) => (index === parts.length - 1 ? part + 1 : part)) : [Infinity];
  return {
    scopes: rowIds.map(rowScope),
    ranges: [{ axis: sort, from: lastOfMore ? positionOf(sort, lastOfMore) : [-Infinity], to }],
  };
}

/** What a batch of the projection's events makes stale in the board lists: at once, or within the votes' allowance. */
export interface ListChanges {
  /** What people wrote, stale from the batch on; `'all'` for a change that can move a request into any filtered list. */
  readonly now: CacheInvalidation | 'all' | undefined;
  /** The requests whose counts votes changed (see {@link votedPages}). */
  readonly voted: readonly string[];
}

/** Where a voted request stands now in the sorts votes move. */
export interface VotedPosition {
  readonly voteCount: number;
  readonly trendRank: number;
  readonly createdAtMs: number;
}

/**
 * The pages votes changed: those showing a voted request (its count, and its place when it moved
 * on or off them), and those covering where it stands now in `top` and `trending`. Read after the
 * votes were committed, a position may already include later votes: the pages of the place in
 * between needed no change once the request moved on.
 */
export function votedPages(voted: readonly string[], positions: readonly VotedPosition[]): CacheInvalidation {
  return {
    scopes: voted.map(rowScope),
    points: positions.flatMap((position) => [
      { axis: 'top', at: positionOfRequest('top', position.voteCount, position.createdAtMs) },
      { axis: 'trending', at: positionOfRequest('trending', position.trendRank, position.createdAtMs) },
    ]),
  };
}

/** When the voted requests' places cannot be read: every page of the sorts votes move, and those showing them. */
export function votedPagesAnywhere(voted: readonly string[]): CacheInvalidation {
  return { scopes: [sortScope('top'), sortScope('trending'), ...voted.map(rowScope)] };
}

export function listChangesOf(events: readonly RecordedEvent[]): ListChanges {
  const now = { scopes: new Set<string>(), points: [] as Array<{ axis: FeatureRequestSort; at: number[] }> };
  const voted = new Set<string>();
  let all = false;
  for (const recorded of events) {
    if (recorded.type.startsWith(VOTE_EVENT_PREFIX)) {
      // A vote event without a tally effect changes no row (the projection skips it).
      const effect = voteTallyEffectOf(recorded);
      if (effect && (effect.counted !== 0 || effect.weighted !== 0)) voted.add(effect.featureRequestId.toLowerCase());
      continue;
    }
    const event = recorded.type === frmEventsV1.SubjectErased.$type ? undefined : decodeEvent(recorded);
    switch (event?.type) {
      case 'FeatureRequestSubmitted':
        now.points.push(
          { axis: 'new', at: positionOfRequest('new', 0, event.occurredAt.getTime()) },
          { axis: 'top', at: positionOfRequest('top', 0, event.occurredAt.getTime()) },
          { axis: 'trending', at: positionOfRequest('trending', RANK_OF_NO_TREND, event.occurredAt.getTime()) },
        );
        break;
      case 'FeatureRequestCommentAdded':
      case 'FeatureRequestDuplicateSuspected':
        now.scopes.add(rowScope(event.featureRequestId));
        break;
      default:
        // Edits, statuses, merges and erasures move requests into lists filtered by what they change.
        all = true;
    }
  }
  return {
    now: all ? 'all' : now.scopes.size > 0 || now.points.length > 0 ? { scopes: [...now.scopes], points: now.points } : undefined,
    voted: [...voted],
  };
}
