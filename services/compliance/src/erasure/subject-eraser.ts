import type { Logger } from '@frm/logging';
import type { PiiCipher, SubjectKeyStore } from '@frm/pii';
import type { ComplianceAudit } from '../audit/compliance-audit';
import type { DataRequestLog } from '../data-requests/data-request-log';
import type { PrivacyRegime } from '../data-requests/legal-deadline';
import { derivedId } from '../requests/request-fields';
import type { DataSubjectRepository } from '../subjects/data-subject.repository';
import { buildErasureCertificate, type ErasureCertificate } from './erasure-certificate';
import type { ErasureLedger, ErasureLedgerEntry } from './erasure-ledger';

/** Who acts when the service completes an erasure by itself (after a restart, or re-applying the ledger). */
export const COMPLIANCE_ACTOR = 'compliance';

export interface SubjectEraserDependencies {
  readonly keys: SubjectKeyStore;
  readonly ledger: ErasureLedger;
  readonly subjects: DataSubjectRepository;
  /** The streams a subject acted in (the subject index, caught up). */
  readonly streamsOf: (subjectId: string) => Promise<string[]>;
  readonly audit: ComplianceAudit;
  readonly requests: DataRequestLog;
  /** Told to forget the subject's key at once, when this process also decrypts. */
  readonly cipher?: Pick<PiiCipher, 'forget'>;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface ErasureRequest {
  readonly subjectId: string;
  readonly requestedBy: string;
  readonly reason: string;
  readonly regime: PrivacyRegime;
}

/**
 * Crypto-shreds a subject. The ledger entry is the commit point: the request is logged, the act
 * audited, the entry written, and from then on the erasure is completed — key deleted, SubjectErased
 * appended once — now, or after a restart, or when the ledger is re-applied after a restore.
 */
export class SubjectEraser {
  private readonly now: () => Date;

  constructor(private readonly deps: SubjectEraserDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Erases the subject; a repeat returns the same certificate. A new certificate is made only when
   * the subject has a key that no erasure in the ledger deleted (they came back after an erasure).
   */
  async erase(request: ErasureRequest): Promise<ErasureCertificate> {
    const { subjectId } = request;
    const [latest, key] = await Promise.all([this.deps.ledger.latestFor(subjectId), this.deps.keys.find(subjectId)]);
    if (latest && (key === undefined || key.keyId === latest.erasedKeyId)) {
      await this.complete(latest);
      return latest.certificate;
    }
    const generation = (latest?.generation ?? 0) + 1;
    const at = this.now();
    const certificate = buildErasureCertificate({
      subjectId,
      generation,
      keyId: key?.keyId,
      streamIds: key ? await this.deps.streamsOf(subjectId) : [],
      requestedBy: request.requestedBy,
      at,
    });
    await this.deps.requests.open({ id: certificate.certificateId, kind: 'erasure', subjectId, requestedBy: request.requestedBy, regime: request.regime, at });
    await this.deps.audit.record({
      entryId: derivedId('audit:erasure', certificate.certificateId),
      actorId: request.requestedBy,
      action: 'erasure',
      target: { type: 'subject', id: subjectId },
      reason: request.reason,
      detail: { certificateId: certificate.certificateId, erasedItems: certificate.erased.length },
    });
    const entry = await this.deps.ledger.record(certificate, generation, key?.keyId ?? '');
    await this.complete(entry);
    return entry.certificate;
  }

  /**
   * Does whatever of the entry's erasure is not done yet: deletes the key it erased if it is there
   * (again, after a restore), appends SubjectErased if missing, and marks the entry and its request
   * completed. Idempotent; safe to run for every entry of the ledger.
   * @returns what it had to do again
   */
  async complete(entry: ErasureLedgerEntry): Promise<{ keyDeleted: boolean; eventAppended: boolean }> {
    let keyDeleted = false;
    if (entry.erasedKeyId !== '') {
      const key = await this.deps.keys.find(entry.subjectId);
      // Only the key this erasure deleted: a key made after it belongs to the subject's return.
      if (key?.keyId === entry.erasedKeyId) keyDeleted = await this.deps.keys.delete(entry.subjectId);
    }
    this.deps.cipher?.forget(entry.subjectId);
    const recorded = (await this.deps.subjects.load(entry.subjectId)).erasureCertificates.includes(entry.certificateId);
    if (!recorded) {
      await this.deps.subjects.execute(derivedId('command:complete-erasure', entry.certificateId), COMPLIANCE_ACTOR, {
        kind: 'CompleteErasure',
        subjectId: entry.subjectId,
        certificateId: entry.certificateId,
        keyId: entry.erasedKeyId,
        at: entry.erasedAt,
      });
    }
    if (entry.completedAt === undefined) {
      await this.deps.ledger.markCompleted(entry.certificateId);
      await this.deps.requests.complete(entry.certificateId);
    }
    return { keyDeleted, eventAppended: !recorded };
  }

  /** Completes the erasures a stopped process left half done; run at start. */
  async completeInterrupted(): Promise<number> {
    const pending = await this.deps.ledger.incomplete();
    for (const entry of pending) {
      await this.complete(entry);
      this.deps.logger.warn({ certificateId: entry.certificateId }, `completed erasure ${entry.certificateId}, interrupted before it finished`);
    }
    return pending.length;
  }
}
