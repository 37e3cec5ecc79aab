import { START, type RecordedEvent } from '@frm/event-store';
import { compareSortKeys } from '@frm/read-cache';
import { encodeEvent } from '../../event-codec/feature-request-event.codec';
import type { FeatureRequestEvent } from '../../domain';
import { listChangesOf, listPageDependencies, positionOf, votedPages, votedPagesAnywhere } from './list-page-scopes';

const ID = 'a4d2c7e0-1b8f-4c3e-9d6a-5e7f8a9b0c1d';
const AT = new Date('2026-05-01T10:00:00.000Z');

const recorded = (stored: { type: string; data: RecordedEvent['data'] }): RecordedEvent => ({
  id: 'e',
  ...stored,
  metadata: {},
  streamId: `feature-request-${ID}`,
  revision: 0n,
  position: START,
  recordedAt: new Date(0),
});
const domainEvent = (event: FeatureRequestEvent) => recorded(encodeEvent(event));
const vote = (type: string, counted: string, weighted: number) =>
  recorded({ type: `frm.events.v1.${type}`, data: { voteId: 'b1f0c3a2-0000-4000-8000-000000000001', featureRequestId: ID.toUpperCase(), voterId: 'v', occurredAt: AT.toISOString(), tallyEffect: { counted, weighted } } });
const submitted = domainEvent({ type: 'FeatureRequestSubmitted', featureRequestId: ID, occurredAt: AT, authorId: 'x', title: 't', description: '', category: 'payments', tags: [], weddingContext: null });

describe('the board pages a change can alter', () => {
  it('places a submission where it enters each sort: now, with no votes and no trend', () => {
    expect(listChangesOf([submitted])).toEqual({
      now: {
        scopes: [],
        points: [
          { axis: 'new', at: [AT.getTime()] },
          { axis: 'top', at: [0, AT.getTime()] },
          { axis: 'trending', at: [1e40, AT.getTime()] },
        ],
      },
      voted: [],
    });
  });

  it('makes only the pages showing a request stale when comments or duplicate marks change it', () => {
    const commented = domainEvent({ type: 'FeatureRequestCommentAdded', featureRequestId: ID, occurredAt: AT, commentId: 'c', authorId: 'x', body: 'b' });
    expect(listChangesOf([commented])).toEqual({ now: { scopes: [`row:${ID}`], points: [] }, voted: [] });
  });

  it('makes every page stale for what can move a request into a filtered list', () => {
    const statusChanged = domainEvent({ type: 'FeatureRequestStatusChanged', featureRequestId: ID, occurredAt: AT, actorId: 'x', from: 'submitted', to: 'planned', reason: 'r' });
    const edited = domainEvent({ type: 'FeatureRequestEdited', featureRequestId: ID, occurredAt: AT, editorId: 'x', changes: { category: 'payments' } });
    const erased = recorded({ type: 'frm.events.v1.SubjectErased', data: { subjectId: 'x', occurredAt: AT.toISOString() } });
    for (const event of [statusChanged, edited, erased]) expect(listChangesOf([submitted, event]).now).toBe('all');
  });

  it('leaves votes for later, naming the requests whose counts moved; none for a vote that counts nothing', () => {
    expect(listChangesOf([vote('VoteCast', '1', 1), vote('VoteFlagged', '-1', -1)])).toEqual({ now: undefined, voted: [ID] });
    expect(listChangesOf([vote('VoteCast', '0', 0)])).toEqual({ now: undefined, voted: [] });
    expect(listChangesOf([submitted, vote('VoteCast', '1', 1)])).toMatchObject({ now: { points: expect.any(Array) }, voted: [ID] });
  });

  it('makes stale the pages showing a voted request and those covering where it stands now, or every top and trending page when that is unknown', () => {
    expect(votedPages([ID], [{ voteCount: 4, trendRank: 3e40, createdAtMs: AT.getTime() }])).toEqual({
      scopes: [`row:${ID}`],
      points: [
        { axis: 'top', at: [4, AT.getTime()] },
        { axis: 'trending', at: [3e40, AT.getTime()] },
      ],
    });
    expect(votedPagesAnywhere([ID])).toEqual({ scopes: ['sort:top', 'sort:trending', `row:${ID}`] });
  });

  it('covers a page from its last row to its cursor; the first page is open above, the last page below', () => {
    expect(listPageDependencies('top', ['r1', 'r2'], ['7', '2026-05-01T10:00:00.000000Z', 'x'], ['3', '2026-05-01T09:00:00.000000Z', 'y'])).toEqual({
      scopes: ['row:r1', 'row:r2'],
      ranges: [{ axis: 'top', from: [3, Date.UTC(2026, 4, 1, 9)], to: [7, Date.UTC(2026, 4, 1, 10) + 1] }],
    });
    expect(listPageDependencies('trending', [], undefined, ['12000000000000000000000000000000000000000', '2026-05-01T09:00:00.000000Z', 'y']).ranges).toEqual([
      { axis: 'trending', from: [1.2e40, Date.UTC(2026, 4, 1, 9)], to: [Infinity] },
    ]);
    // Cursors carry microseconds, submissions milliseconds: the cursor's end takes in its whole millisecond.
    expect(listPageDependencies('new', [], ['2026-05-01T10:00:00.123456Z', 'x'], undefined).ranges).toEqual([{ axis: 'new', from: [-Infinity], to: [Date.UTC(2026, 4, 1, 10, 0, 0, 124)] }]);
  });

  it('orders positions as the sort keys are ordered, ties in the count decided by age', () => {
    const at = (sort: 'new' | 'top' | 'trending', key: string[]) => positionOf(sort, key);
    expect(compareSortKeys(at('new', ['2026-05-01T10:00:00.001000Z', 'x']), at('new', ['2026-05-01T10:00:00.000999Z', 'y']))).toBe(1);
    expect(compareSortKeys(at('top', ['10', '2026-05-01T09:00:00.000000Z', 'x']), at('top', ['9', '2026-05-01T10:00:00.000000Z', 'y']))).toBe(1);
    expect(compareSortKeys(at('top', ['3', '2026-05-01T10:00:00.000000Z', 'x']), at('top', ['3', '2026-05-01T09:00:00.000000Z', 'y']))).toBe(1);
    expect(compareSortKeys(at('trending', ['20000000000000000000000000000000000000000', 'c', 'x']), at('trending', ['19999999999999999999999999999999999999999', 'c', 'y']))).toBeGreaterThanOrEqual(0);
  });
});
