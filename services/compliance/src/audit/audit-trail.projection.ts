import { canonicalTail, checkAuditDraft, DEFAULT_AUDIT_LOG, DEFAULT_AUDIT_SCHEMA, type AuditEntryDraft } from '@frm/audit';
import { frmEventsV1 } from '@frm/contracts';
import type { RecordedEvent } from '@frm/event-store';
import { quoteIdent } from '@frm/postgres';
import { defineProjection, ProjectionRegistry, type SqlStatement } from '@frm/projections';

const STATUS_CHANGED = frmEventsV1.FeatureRequestStatusChanged.$type;
const MERGED = frmEventsV1.FeatureRequestMerged.$type;
const UNMERGED = frmEventsV1.FeatureRequestUnmerged.$type;
const VOTE_REVIEWED = frmEventsV1.VoteReviewed.$type;

/**
 * The audit entry a privileged act's event stands for, or none. Its id is the event's, so a
 * replayed event appends nothing new. The reason names the act, never the staff member's own words
 * (those stay encrypted in the event): the audit log holds ids and facts only.
 */
export function auditDraftOf(event: RecordedEvent): AuditEntryDraft | undefined {
  const text = (field: string) => String(event.data[field] ?? '');
  switch (event.type) {
    case STATUS_CHANGED:
      return {
        entryId: event.id,
        actorId: text('actorId'),
        action: 'status_change',
        target: { type: 'feature_request', id: text('featureRequestId') },
        reason: `status changed to ${text('toStatus').replace(/^FEATURE_REQUEST_STATUS_/, '').toLowerCase()}`,
        detail: { eventId: event.id },
      };
    case MERGED:
      return {
        entryId: event.id,
        actorId: text('actorId'),
        action: 'merge',
        target: { type: 'feature_request', id: text('featureRequestId') },
        reason: 'merged into another request',
        detail: { eventId: event.id, targetFeatureRequestId: text('targetFeatureRequestId') },
      };
    case UNMERGED:
      return {
        entryId: event.id,
        actorId: text('actorId'),
        action: 'unmerge',
        target: { type: 'feature_request', id: text('featureRequestId') },
        reason: `merge undone, back to ${text('toStatus').replace(/^FEATURE_REQUEST_STATUS_/, '').toLowerCase()}`,
        detail: { eventId: event.id, targetFeatureRequestId: text('targetFeatureRequestId') },
      };
    case VOTE_REVIEWED:
      return {
        entryId: event.id,
        actorId: text('reviewerId'),
        action: 'vote_review',
        target: { type: 'vote', id: text('voteId') },
        reason: `vote ${text('decision').replace(/^VOTE_REVIEW_DECISION_/, '').toLowerCase().replace(/_/g, ' ')}`,
        detail: { eventId: event.id, featureRequestId: text('featureRequestId') },
      };
    default:
      return undefined;
  }
}

/**
 * Appends an audit entry for every privileged act other services record as events (status
 * changes, merges and their undoing, vote reviews), in the same transaction as this projection's checkpoint: each
 * act is in the chain exactly once, however often the events are replayed.
 */
export function auditTrailProjection(auditSchema: string, log: string) {
  // The platform's own audit log is the registered one (`frm projections` lists it); another log
  // (a test's) gets a registry of its own, as one name may stand for one definition only.
  if (auditSchema === DEFAULT_AUDIT_SCHEMA && log === DEFAULT_AUDIT_LOG) return (platformAuditTrail ??= buildAuditTrail(auditSchema, log));
  return buildAuditTrail(auditSchema, log, new ProjectionRegistry());
}

let platformAuditTrail: ReturnType<typeof buildAuditTrail> | undefined;

function buildAuditTrail(auditSchema: string, log: string, registry?: ProjectionRegistry) {
  return defineProjection({
    name: 'compliance_audit_trail',
    version: 1,
    eventTypePrefixes: [STATUS_CHANGED, MERGED, UNMERGED, VOTE_REVIEWED],
    schemaSql: () => [],
    handle: (event: RecordedEvent): SqlStatement[] => {
      const draft = auditDraftOf(event);
      if (!draft) return [];
      const checked = checkAuditDraft(draft);
      return [
        {
          sql: `select 1 from ${quoteIdent(auditSchema)}.append_audit_entry($1, $2::uuid, $3, $4, $5, $6, $7, $8::jsonb, $9)`,
          params: [log, checked.entryId, checked.actorId, checked.action, checked.target.type, checked.target.id, checked.reason, JSON.stringify(checked.detail), canonicalTail(log, checked)],
        },
      ];
    },
  }, registry);
}
