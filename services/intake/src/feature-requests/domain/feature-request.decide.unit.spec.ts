import fc from 'fast-check';
import { status } from '@grpc/grpc-js';
import { ApplicationError } from '@frm/grpc-errors';
import type { FeatureRequestState } from './feature-request';
import type { FeatureRequestCommand } from './feature-request.commands';
import { decide } from './feature-request.decide';
import { evolveAll } from './feature-request.evolve';
import { canMove, FEATURE_REQUEST_STATUSES, FINAL_STATUSES, type FeatureRequestStatus } from './feature-request-status';
import { ADMIN, AT, AUTHOR, featureRequest, LATER, PRODUCT, REQUEST_ID, SUPPLIER, TARGET_ID } from './test-fixtures';

function refusal(command: FeatureRequestCommand, state: FeatureRequestState): { code: string; message: string } {
  try {
    decide(command, state);
  } catch (error) {
    if (error instanceof ApplicationError) return { code: status[error.code], message: error.message };
    throw error;
  }
  throw new Error(`${command.kind} was not refused`);
}

const submit = (overrides: Partial<Extract<FeatureRequestCommand, { kind: 'SubmitFeatureRequest' }>> = {}): FeatureRequestCommand => ({
  kind: 'SubmitFeatureRequest',
  featureRequestId: REQUEST_ID,
  actor: AUTHOR,
  at: AT,
  title: ' Seating plan export ',
  description: 'Print the seating chart as PDF',
  category: 'guest-management',
  tags: ['Seating'],
  weddingContext: { supplierType: '', weddingDate: '2026-09-12' },
  ...overrides,
});

const changeStatus = (to: FeatureRequestStatus, actor = PRODUCT, reason = ''): FeatureRequestCommand => ({
  kind: 'ChangeStatus',
  featureRequestId: REQUEST_ID,
  actor,
  at: LATER,
  status: to,
  reason,
});

const merge = (target: FeatureRequestState, actor = PRODUCT, targetId = TARGET_ID): FeatureRequestCommand => ({
  kind: 'MergeFeatureRequest',
  featureRequestId: REQUEST_ID,
  actor,
  at: LATER,
  targetId,
  target,
  reason: 'Same need',
});

const unmerge = (target: FeatureRequestState, actor = PRODUCT, reason = 'Different needs after all'): FeatureRequestCommand => ({
  kind: 'UnmergeFeatureRequest',
  featureRequestId: REQUEST_ID,
  actor,
  at: LATER,
  target,
  reason,
});

describe('decide', () => {
  describe('SubmitFeatureRequest', () => {
    it('records the request with its content normalised and the caller as author', () => {
      expect(decide(submit(), null)).toEqual([
        {
          type: 'FeatureRequestSubmitted',
          featureRequestId: REQUEST_ID,
          occurredAt: AT,
          authorId: AUTHOR.subject,
          title: 'Seating plan export',
          description: 'Print the seating chart as PDF',
          category: 'guest-management',
          tags: ['seating'],
          weddingContext: { supplierType: '', weddingDate: '2026-09-12' },
        },
      ]);
    });

    it('refuses bad content naming every field', () => {
      const { code, message } = refusal(submit({ title: '', category: 'weather', tags: ['no way'] }), null);
      expect(code).toBe('INVALID_ARGUMENT');
      expect(message).toMatch(/^title: .*; category: .*; tags\[0\]: /);
    });

    it('refuses a second submit of the same request', () => {
      expect(refusal(submit(), featureRequest()).code).toBe('ALREADY_EXISTS');
    });
  });

  describe('EditFeatureRequest', () => {
    const edit = (changes: object, actor = AUTHOR): FeatureRequestCommand => ({
      kind: 'EditFeatureRequest',
      featureRequestId: REQUEST_ID,
      actor,
      at: LATER,
      ...changes,
    });

    it('records only the fields that change', () => {
      const events = decide(edit({ title: 'Seating plan export', description: 'Now with table numbers', tags: ['seating', 'pdf'] }), featureRequest());
      expect(events).toEqual([
        {
          type: 'FeatureRequestEdited',
          featureRequestId: REQUEST_ID,
          occurredAt: LATER,
          editorId: AUTHOR.subject,
          changes: { description: 'Now with table numbers', tags: ['seating', 'pdf'] },
        },
      ]);
    });

    it('records nothing when nothing changes', () => {
      expect(decide(edit({ title: ' Seating plan export ', category: 'guest-management' }), featureRequest())).toEqual([]);
    });

    it('can empty the tag list', () => {
      expect(decide(edit({ tags: [] }), featureRequest())[0]).toMatchObject({ changes: { tags: [] } });
    });

    it('lets the product team edit, and nobody else but the author', () => {
      expect(decide(edit({ title: 'Better title' }, ADMIN), featureRequest())).toHaveLength(1);
      expect(refusal(edit({ title: 'Mine now' }, SUPPLIER), featureRequest()).code).toBe('PERMISSION_DENIED');
    });

    it('refuses an edit naming nothing to change, bad content, an unknown request and a closed one', () => {
      expect(refusal(edit({}), featureRequest())).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('at least one') });
      expect(refusal(edit({ description: 'x'.repeat(10_001) }), featureRequest()).message).toMatch(/^description: /);
      expect(refusal(edit({ title: 'New' }), null).code).toBe('NOT_FOUND');
      expect(refusal(edit({ title: 'New' }), featureRequest({ status: 'shipped' }))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringContaining('only open requests can be edited'),
      });
    });
  });

  describe('AddComment', () => {
    const comment = (body: string, actor = SUPPLIER): FeatureRequestCommand => ({
      kind: 'AddComment',
      featureRequestId: REQUEST_ID,
      commentId: TARGET_ID,
      actor,
      at: LATER,
      body,
    });

    it('lets anyone comment, also on shipped or declined requests', () => {
      expect(decide(comment(' Me too '), featureRequest({ status: 'declined' }))).toEqual([
        { type: 'FeatureRequestCommentAdded', featureRequestId: REQUEST_ID, occurredAt: LATER, commentId: TARGET_ID, authorId: SUPPLIER.subject, body: 'Me too' },
      ]);
    });

    it('refuses an empty comment, an unknown request and a merged one', () => {
      expect(refusal(comment(''), featureRequest()).message).toMatch(/^body: /);
      expect(refusal(comment('Hi'), null).code).toBe('NOT_FOUND');
      expect(refusal(comment('Hi'), featureRequest({ status: 'merged', mergedIntoId: TARGET_ID }))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringContaining(TARGET_ID),
      });
    });
  });

  describe('ChangeStatus', () => {
    it('moves an open request one step, with the reason', () => {
      expect(decide(changeStatus('under_review', ADMIN, 'Looking into it'), featureRequest())).toEqual([
        {
          type: 'FeatureRequestStatusChanged',
          featureRequestId: REQUEST_ID,
          occurredAt: LATER,
          actorId: ADMIN.subject,
          from: 'submitted',
          to: 'under_review',
          reason: 'Looking into it',
        },
      ]);
    });

    it('is for the product team only, checked before anything else', () => {
      expect(refusal(changeStatus('under_review', AUTHOR), null).code).toBe('PERMISSION_DENIED');
      expect(refusal(changeStatus('under_review', SUPPLIER), featureRequest()).message).toContain('product or admin');
    });

    it('refuses MERGED (that is a merge) and an illegal move, saying which moves are open', () => {
      expect(refusal(changeStatus('merged'), featureRequest()).message).toMatch(/^status: .*MergeFeatureRequest/);
      expect(refusal(changeStatus('shipped'), featureRequest({ status: 'under_review' }))).toEqual({
        code: 'FAILED_PRECONDITION',
        message: `feature request ${REQUEST_ID} is under review and cannot move to shipped; it can move to planned or declined`,
      });
      expect(refusal(changeStatus('planned'), featureRequest({ status: 'declined' })).message).toContain('that status is final');
      expect(refusal(changeStatus('planned'), null).code).toBe('NOT_FOUND');
    });

    it('only ever follows the lifecycle, whatever the product team asks for', () => {
      const anyStatus = fc.constantFrom(...FEATURE_REQUEST_STATUSES);
      fc.assert(
        fc.property(fc.array(anyStatus, { maxLength: 12 }), (wanted) => {
          let state: FeatureRequestState = evolveAll(decide(submit(), null));
          for (const to of wanted) {
            const from = (state as NonNullable<FeatureRequestState>).status;
            let events;
            try {
              events = decide(changeStatus(to), state);
            } catch {
              expect(to === 'merged' || !canMove(from, to)).toBe(true);
              continue;
            }
            expect(canMove(from, to)).toBe(true);
            expect(FINAL_STATUSES.has(from)).toBe(false);
            state = evolveAll(events, state);
          }
        }),
      );
    });
  });

  describe('MergeFeatureRequest', () => {
    const target = featureRequest({ id: TARGET_ID, authorId: SUPPLIER.subject });

    it('marks the source merged into the target', () => {
      const events = decide(merge(target), featureRequest({ status: 'planned' }));
      expect(events).toEqual([
        {
          type: 'FeatureRequestMerged',
          featureRequestId: REQUEST_ID,
          occurredAt: LATER,
          actorId: PRODUCT.subject,
          targetId: TARGET_ID,
          from: 'planned',
          reason: 'Same need',
        },
      ]);
      expect(evolveAll(events, featureRequest())).toMatchObject({ status: 'merged', mergedIntoId: TARGET_ID, statusReason: 'Same need' });
    });

    it('is for the product team only', () => {
      expect(refusal(merge(target, AUTHOR), featureRequest()).code).toBe('PERMISSION_DENIED');
    });

    it('refuses a merge into itself, from or into a merged request, from a closed one, and unknown requests', () => {
      expect(refusal(merge(null, PRODUCT, REQUEST_ID), featureRequest()).message).toMatch(/^target_feature_request_id: /);
      expect(refusal(merge(target), featureRequest({ status: 'merged', mergedIntoId: TARGET_ID })).code).toBe('FAILED_PRECONDITION');
      expect(refusal(merge(target), featureRequest({ status: 'shipped' })).code).toBe('FAILED_PRECONDITION');
      expect(refusal(merge({ ...target, status: 'merged', mergedIntoId: REQUEST_ID }), featureRequest())).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringContaining(`merge into that one instead`),
      });
      expect(refusal(merge(null), featureRequest()).message).toBe(`feature request ${TARGET_ID} was not found`);
      expect(refusal(merge(target), null).message).toBe(`feature request ${REQUEST_ID} was not found`);
    });
  });

  describe('UnmergeFeatureRequest', () => {
    const target = featureRequest({ id: TARGET_ID, authorId: SUPPLIER.subject });
    const mergedFrom = (status: FeatureRequestStatus) =>
      evolveAll(decide(merge(target), featureRequest({ status })), featureRequest({ status }));

    it('returns the request to the status it had before the merge, forgetting the target', () => {
      const events = decide(unmerge(target), mergedFrom('planned'));
      expect(events).toEqual([
        {
          type: 'FeatureRequestUnmerged',
          featureRequestId: REQUEST_ID,
          occurredAt: LATER,
          actorId: PRODUCT.subject,
          targetId: TARGET_ID,
          to: 'planned',
          reason: 'Different needs after all',
        },
      ]);
      expect(evolveAll(events, mergedFrom('planned'))).toMatchObject({
        status: 'planned',
        mergedIntoId: null,
        statusBeforeMerge: null,
        statusReason: 'Different needs after all',
      });
    });

    it('undoes a merge from any status a merge starts from, and the request can be merged again', () => {
      fc.assert(
        fc.property(fc.constantFrom(...FEATURE_REQUEST_STATUSES.filter((status) => !FINAL_STATUSES.has(status))), (status) => {
          const back = evolveAll(decide(unmerge(target), mergedFrom(status)), mergedFrom(status));
          expect(back).toMatchObject({ status, mergedIntoId: null });
          expect(decide(merge(target), back)[0]).toMatchObject({ type: 'FeatureRequestMerged', from: status });
        }),
      );
    });

    it('is for the product team only', () => {
      expect(refusal(unmerge(target, AUTHOR), mergedFrom('submitted')).code).toBe('PERMISSION_DENIED');
      expect(refusal(unmerge(target, SUPPLIER), mergedFrom('submitted')).code).toBe('PERMISSION_DENIED');
      expect(decide(unmerge(target, ADMIN), mergedFrom('submitted'))).toHaveLength(1);
    });

    it('refuses a request that is not merged, an unknown one, a target merged on, and an over-long reason', () => {
      expect(refusal(unmerge(target), featureRequest({ status: 'planned' }))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: `feature request ${REQUEST_ID} is planned, not merged; there is no merge to undo`,
      });
      expect(refusal(unmerge(target), null).message).toBe(`feature request ${REQUEST_ID} was not found`);
      expect(refusal(unmerge({ ...target, status: 'merged', mergedIntoId: AUTHOR.subject }), mergedFrom('submitted'))).toMatchObject({
        code: 'FAILED_PRECONDITION',
        message: expect.stringContaining('undo that merge first'),
      });
      expect(refusal(unmerge(target, PRODUCT, 'x'.repeat(5_000)), mergedFrom('submitted'))).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/^reason: must be at most/),
      });
    });
  });
});
