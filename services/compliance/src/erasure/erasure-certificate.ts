import { v5 as uuidv5 } from 'uuid';

// A fixed, random namespace: the same subject and generation give the same certificate id in every release.
const CERTIFICATE_NAMESPACE = '8c7e2f40-5b1d-4a39-9e62-1d0f7a3c5b84';

/** One thing an erasure made unreadable or removed. */
export interface ErasedItem {
  readonly store: 'subject_keys' | 'event_store';
  readonly kind: 'data_key' | 'stream';
  readonly id: string;
}

/** The proof of one erasure, as the ledger keeps it and the RPC returns it: ids and times only. */
export interface ErasureCertificate {
  readonly certificateId: string;
  readonly subjectId: string;
  /** ISO 8601 UTC. */
  readonly erasedAt: string;
  readonly erased: readonly ErasedItem[];
  readonly storesChecked: readonly string[];
  readonly requestedBy: string;
}

/** Every store an erasure looks into, named as the certificate names them. */
export const STORES_CHECKED = [
  'compliance_keys.subject_keys',
  'event_store (streams of projection_compliance_subject_index)',
  'compliance_ledger.erasures',
] as const;

export interface ErasureFacts {
  readonly subjectId: string;
  /** 1 for a subject's first erasure; one more for each erasure of a key made after the last one. */
  readonly generation: number;
  /** The subject's data key id, if they have one. */
  readonly keyId: string | undefined;
  /** The streams the subject wrote to or acted in, whose personal data their key encrypted. */
  readonly streamIds: readonly string[];
  readonly requestedBy: string;
  readonly at: Date;
}

/**
 * The id of a subject's n-th erasure: concurrent first erasures of one subject agree on it, so the
 * ledger keeps one of them and both callers get the same certificate.
 */
export function certificateIdFor(subjectId: string, generation: number): string {
  return uuidv5(`${subjectId}\n${generation}`, CERTIFICATE_NAMESPACE);
}

/**
 * The certificate of an erasure. Without a data key nothing of the subject's is readable anywhere,
 * so the streams are listed only when a key was deleted; a subject that never had one gets a
 * certificate with nothing erased.
 */
export function buildErasureCertificate(facts: ErasureFacts): ErasureCertificate {
  const erased: ErasedItem[] = [];
  if (facts.keyId !== undefined) {
    erased.push({ store: 'subject_keys', kind: 'data_key', id: facts.keyId });
    for (const streamId of [...new Set(facts.streamIds)].sort()) erased.push({ store: 'event_store', kind: 'stream', id: streamId });
  }
  return {
    certificateId: certificateIdFor(facts.subjectId, facts.generation),
    subjectId: facts.subjectId,
    erasedAt: facts.at.toISOString(),
    erased,
    storesChecked: [...STORES_CHECKED],
    requestedBy: facts.requestedBy,
  };
}

/** The data key the certificate erased, or '' when there was none. */
export function erasedKeyIdOf(certificate: ErasureCertificate): string {
  return certificate.erased.find((item) => item.kind === 'data_key')?.id ?? '';
}
