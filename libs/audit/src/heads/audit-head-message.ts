import type { AuditHead } from '../entry/audit-entry';

/** The topic of published audit heads, keyed by log name. */
export const AUDIT_HEADS_TOPIC = 'frm.audit.v1';

/** CloudEvents `ce_type` of a published head. */
export const AUDIT_HEAD_EVENT_TYPE = 'frm.audit.v1.AuditHeadPublished';
export const AUDIT_HEAD_SOURCE = '/frm/audit';

/**
 * Settings for `ensureTopics` (from `@frm/messaging`) or the deployment's topic definition: kept
 * forever and never compacted, because every head published is evidence, not just the latest one.
 */
export const auditHeadsTopicSettings = {
  numPartitions: 1,
  configEntries: [
    { name: 'cleanup.policy', value: 'delete' },
    { name: 'retention.ms', value: '-1' },
  ],
};

/** The message value: a head as JSON, ids and numbers only. */
export function encodeAuditHead(head: AuditHead): Buffer {
  return Buffer.from(JSON.stringify({ log: head.log, sequence: head.sequence, hash: head.hash }));
}

/** The head a message carries, or `undefined` for a value that is not one (skipped, never trusted). */
export function decodeAuditHead(value: Buffer | null): AuditHead | undefined {
  if (value === null) return undefined;
  try {
    const { log, sequence, hash } = JSON.parse(value.toString('utf8')) as Partial<AuditHead>;
    if (typeof log !== 'string' || !Number.isSafeInteger(sequence) || (sequence as number) < 1) return undefined;
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) return undefined;
    return { log, sequence: sequence as number, hash };
  } catch {
    return undefined;
  }
}
