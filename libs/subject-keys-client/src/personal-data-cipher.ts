import { frmEventsV1 } from '@frm/contracts';
import type { Logger } from '@frm/logging';
import { openLocalMasterKeys, PiiCipher, type ErasureEvent, type MasterKeyProvider, type MasterKeySettings } from '@frm/pii';
import { GrpcSubjectKeyStore } from './grpc-subject-key-store';

/** Compliance's erasure event: reading it makes a service forget the subject's key at once. */
export const SUBJECT_ERASURE: ErasureEvent = { type: frmEventsV1.SubjectErased.$type, subjectField: 'subjectId' };

export interface PersonalDataCipher {
  readonly cipher: PiiCipher;
  close(): void;
}

/**
 * The cipher a service encrypts people's text with: data keys from the compliance service's key table
 * (fetched wrapped over its internal gRPC service), unwrapped with the master key this process
 * holds. `masterKeys` when the caller has them already (the launcher); otherwise they come from the
 * settings as compliance reads them.
 */
export async function personalDataCipher(
  complianceAddress: string,
  masterKeys: MasterKeyProvider | (MasterKeySettings & { readonly FRM_DATA_DIR: string; readonly mode: 'embedded' | 'local-cluster' | 'distributed' }),
): Promise<PersonalDataCipher> {
  const kms = 'wrap' in masterKeys ? masterKeys : (await openLocalMasterKeys(masterKeys, masterKeys.mode)).kms;
  const keys = new GrpcSubjectKeyStore({ address: complianceAddress });
  return { cipher: new PiiCipher(keys, kms), close: () => keys.close() };
}

/**
 * Said once at start-up when a service runs without compliance: what people write is then stored
 * as it is. `what` names it ("titles, descriptions, comments").
 */
export function warnPlaintextPersonalData(logger: Logger, what: string): void {
  logger.warn(
    `personal data (${what}) is stored as plaintext and cannot be erased by crypto-shredding: set FRM_COMPLIANCE_GRPC_ADDRESS (and FRM_MASTER_KEY) to encrypt it with keys from the compliance service`,
  );
}
