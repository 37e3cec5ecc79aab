export { AUDIT_ACTIONS, isAuditAction, type AuditAction } from './entry/audit-action';
export {
  GENESIS_HASH,
  MAX_DETAIL_KEYS,
  MAX_REASON_LENGTH,
  headOf,
  type AuditDetail,
  type AuditEntry,
  type AuditEntryDraft,
  type AuditHead,
  type AuditTarget,
} from './entry/audit-entry';
export { checkAuditDraft, checkLogName } from './entry/audit-draft-rules';
export { InvalidAuditEntryError } from './entry/invalid-audit-entry.error';
export { canonicalContent, canonicalPrefix, canonicalTail } from './chain/canonical-content';
export { hashAuditEntry } from './chain/entry-hash';
export { nextAuditEntry } from './chain/next-entry';
export { verifyAuditChain, type ChainVerdict } from './chain/verify-chain';
export type { ChainBreak, ChainProblem } from './chain/chain-break';
export type { AppendedAuditEntry, AuditLog, AuditLogReader } from './store/audit-log.port';
export { AuditEntryIdReusedError } from './store/audit-entry-id-reused.error';
export { InMemoryAuditLog } from './store/in-memory-audit-log';
export { DEFAULT_AUDIT_LOG, DEFAULT_AUDIT_SCHEMA, PostgresAuditLog, type PostgresAuditLogOptions } from './postgres/postgres-audit-log';
export { AUDIT_TABLE } from './postgres/audit-log-schema.sql';
export { AuditLogMissingError } from './postgres/audit-log-missing.error';
export { verifyAuditLog, type AuditLogVerdict, type VerifyAuditLogOptions, type VerifyProgress } from './verify/verify-audit-log';
export { publishAuditHead, type AuditHeadPublisher } from './heads/audit-head-publisher.port';
export { AuditHeadPublication } from './heads/audit-head-publication';
export {
  AUDIT_HEADS_TOPIC,
  AUDIT_HEAD_EVENT_TYPE,
  AUDIT_HEAD_SOURCE,
  auditHeadsTopicSettings,
  decodeAuditHead,
  encodeAuditHead,
} from './heads/audit-head-message';
export { KafkaAuditHeadPublisher, type KafkaAuditHeadPublisherOptions } from './heads/kafka-audit-head-publisher';
export { readPublishedAuditHeads, type ReadPublishedHeadsOptions } from './heads/read-published-heads';
export { detectRewrite, type AuditRewrite } from './heads/detect-rewrite';
export { AUDIT_RETENTION_YEARS, retentionCutoff } from './retention/audit-retention';
