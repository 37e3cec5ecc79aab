import {
  AlreadyExistsError,
  FailedPreconditionError,
  NotFoundError,
  PermissionDeniedError,
} from '@frm/grpc-errors';
import type { FeatureRequest, FeatureRequestState } from './feature-request';
import type {
  AddComment,
  ChangeStatus,
  EditFeatureRequest,
  FeatureRequestCommand,
  MergeFeatureRequest,
  SubmitFeatureRequest,
  UnmergeFeatureRequest,
} from './feature-request.commands';
import type { FeatureRequestChanges, FeatureRequestEvent } from './feature-request.events';
import { canMove, FINAL_STATUSES, nextStatusesOf, type FeatureRequestStatus } from './feature-request-status';
import {
  checkCategory,
  checkCommentBody,
  checkDescription,
  checkReason,
  checkTags,
  checkTitle,
  checkWeddingContext,
  refuseIfAny,
  type Violations,
} from './field-rules';
import { isStaff, STAFF_ROLES, type Actor } from './roles';

/**
 * The events a command causes, or the refusal as an application error: INVALID_ARGUMENT naming
 * every bad field, PERMISSION_DENIED, NOT_FOUND, ALREADY_EXISTS or FAILED_PRECONDITION. No events
 * means the command changes nothing (an edit to the same values).
 */
export function decide(command: FeatureRequestCommand, state: FeatureRequestState): FeatureRequestEvent[] {
  switch (command.kind) {
    case 'SubmitFeatureRequest':
      return submit(command, state);
    case 'EditFeatureRequest':
      return edit(command, state);
    case 'AddComment':
      return addComment(command, state);
    case 'ChangeStatus':
      return changeStatus(command, state);
    case 'MergeFeatureRequest':
      return merge(command, state);
    case 'UnmergeFeatureRequest':
      return unmerge(command, state);
  }
}

function submit(command: SubmitFeatureRequest, state: FeatureRequestState): FeatureRequestEvent[] {
  const violations: Violations = [];
  const title = checkTitle('title', command.title, violations);
  const description = checkDescription('description', command.description, violations);
  const category = checkCategory('category', command.category, violations);
  const tags = checkTags('tags', command.tags, violations);
  const weddingContext = checkWeddingContext('wedding_context', command.weddingContext, violations);
  refuseIfAny(violations);
  if (state !== null) throw new AlreadyExistsError(`feature request ${command.featureRequestId} exists already`);
  return [
    {
      type: 'FeatureRequestSubmitted',
      featureRequestId: command.featureRequestId,
      occurredAt: command.at,
      authorId: command.actor.subject,
      title,
      description,
      category,
      tags,
      weddingContext,
    },
  ];
}

function edit(command: EditFeatureRequest, state: FeatureRequestState): FeatureRequestEvent[] {
  const violations: Violations = [];
  const wanted: { -readonly [K in keyof FeatureRequestChanges]: FeatureRequestChanges[K] } = {};
  if (command.title !== undefined) wanted.title = checkTitle('title', command.title, violations);
  if (command.description !== undefined) wanted.description = checkDescription('description', command.description, violations);
  if (command.category !== undefined) wanted.category = checkCategory('category', command.category, violations);
  if (command.tags !== undefined) wanted.tags = checkTags('tags', command.tags, violations);
  if (Object.keys(wanted).length === 0) {
    violations.push({ rule: 'name at least one thing to change: title, description, category or tags' });
  }
  refuseIfAny(violations);
  const request = existing(state, command.featureRequestId);
  if (request.authorId !== command.actor.subject && !isStaff(command.actor)) {
    throw new PermissionDeniedError(`only the author of feature request ${request.id} or the product team (${STAFF_ROLES.join(' or ')} role) may edit it`);
  }
  refuseIfFinal(request, 'edited');
  const changes = changesFrom(request, wanted);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'FeatureRequestEdited', featureRequestId: request.id, occurredAt: command.at, editorId: command.actor.subject, changes }];
}

function changesFrom(request: FeatureRequest, wanted: FeatureRequestChanges): FeatureRequestChanges {
  const changes: { -readonly [K in keyof FeatureRequestChanges]: FeatureRequestChanges[K] } = {};
  if (wanted.title !== undefined && wanted.title !== request.title) changes.title = wanted.title;
  if (wanted.description !== undefined && wanted.description !== request.description) changes.description = wanted.description;
  if (wanted.category !== undefined && wanted.category !== request.category) changes.category = wanted.category;
  if (wanted.tags !== undefined && !sameItems(wanted.tags, request.tags)) changes.tags = wanted.tags;
  return changes;
}

function addComment(command: AddComment, state: FeatureRequestState): FeatureRequestEvent[] {
  const violations: Violations = [];
  const body = checkCommentBody('body', command.body, violations);
  refuseIfAny(violations);
  const request = existing(state, command.featureRequestId);
  if (request.status === 'merged') {
    throw new FailedPreconditionError(
      `feature request ${request.id} was merged into ${request.mergedIntoId}; comment on that one instead`,
    );
  }
  return [
    {
      type: 'FeatureRequestCommentAdded',
      featureRequestId: request.id,
      occurredAt: command.at,
      commentId: command.commentId,
      authorId: command.actor.subject,
      body,
    },
  ];
}

function changeStatus(command: ChangeStatus, state: FeatureRequestState): FeatureRequestEvent[] {
  requireStaff(command.actor, 'change the status of a feature request');
  const violations: Violations = [];
  if (command.status === 'merged') {
    violations.push({ field: 'status', rule: 'cannot be MERGED here; use MergeFeatureRequest, which names the target' });
  }
  const reason = checkReason('reason', command.reason, violations);
  refuseIfAny(violations);
  const request = existing(state, command.featureRequestId);
  if (!canMove(request.status, command.status)) {
    const allowed = nextStatusesOf(request.status);
    throw new FailedPreconditionError(
      `feature request ${request.id} is ${describe(request.status)} and cannot move to ${describe(command.status)}; ` +
        (allowed.length === 0 ? 'that status is final' : `it can move to ${allowed.map(describe).join(' or ')}`),
    );
  }
  return [
    {
      type: 'FeatureRequestStatusChanged',
      featureRequestId: request.id,
      occurredAt: command.at,
      actorId: command.actor.subject,
      from: request.status,
      to: command.status,
      reason,
    },
  ];
}

function merge(command: MergeFeatureRequest, state: FeatureRequestState): FeatureRequestEvent[] {
  requireStaff(command.actor, 'merge feature requests');
  const violations: Violations = [];
  if (command.targetId.toLowerCase() === command.featureRequestId.toLowerCase()) {
    violations.push({ field: 'target_feature_request_id', rule: 'must differ from source_feature_request_id: a request cannot be merged into itself' });
  }
  const reason = checkReason('reason', command.reason, violations);
  refuseIfAny(violations);
  const source = existing(state, command.featureRequestId);
  const target = existing(command.target, command.targetId);
  refuseIfFinal(source, 'merged');
  if (target.status === 'merged') {
    throw new FailedPreconditionError(
      `feature request ${target.id} was itself merged into ${target.mergedIntoId}; merge into that one instead`,
    );
  }
  return [
    {
      type: 'FeatureRequestMerged',
      featureRequestId: source.id,
      occurredAt: command.at,
      actorId: command.actor.subject,
      targetId: target.id,
      from: source.status,
      reason,
    },
  ];
}

function unmerge(command: UnmergeFeatureRequest, state: FeatureRequestState): FeatureRequestEvent[] {
  requireStaff(command.actor, 'undo merges');
  const violations: Violations = [];
  const reason = checkReason('reason', command.reason, violations);
  refuseIfAny(violations);
  const source = existing(state, command.featureRequestId);
  if (source.status !== 'merged' || source.mergedIntoId === null || source.statusBeforeMerge === null) {
    throw new FailedPreconditionError(`feature request ${source.id} is ${describe(source.status)}, not merged; there is no merge to undo`);
  }
  // Its votes went on to wherever the target was merged: they come back one merge at a time.
  if (command.target?.status === 'merged') {
    throw new FailedPreconditionError(
      `feature request ${source.id} was merged into ${source.mergedIntoId}, which was itself merged into ${command.target.mergedIntoId}; ` +
        `undo that merge first`,
    );
  }
  return [
    {
      type: 'FeatureRequestUnmerged',
      featureRequestId: source.id,
      occurredAt: command.at,
      actorId: command.actor.subject,
      targetId: source.mergedIntoId,
      to: source.statusBeforeMerge,
      reason,
    },
  ];
}

function existing(state: FeatureRequestState, id: string): FeatureRequest {
  if (state === null) throw new NotFoundError('feature request', id);
  return state;
}

function requireStaff(actor: Actor, toDoWhat: string): void {
  if (!isStaff(actor)) throw new PermissionDeniedError(`only the product team (${STAFF_ROLES.join(' or ')} role) may ${toDoWhat}`);
}

function refuseIfFinal(request: FeatureRequest, what: string): void {
  if (!FINAL_STATUSES.has(request.status)) return;
  const where = request.status === 'merged' ? ` into ${request.mergedIntoId}` : '';
  throw new FailedPreconditionError(`feature request ${request.id} is ${describe(request.status)}${where}; only open requests can be ${what}`);
}

function describe(status: FeatureRequestStatus): string {
  return status.replace('_', ' ');
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
