import { Controller, Inject } from '@nestjs/common';
import { frmInternalV1, timestampFromDate } from '@frm/contracts';
import { InvalidArgumentError } from '@frm/grpc-errors';
import { canonicalSubjectId, InvalidSubjectIdError, type SubjectKey, type SubjectKeyStore } from '@frm/pii';
import { SUBJECT_KEYS } from '../compliance.tokens';

const MAX_KEYS_PER_CALL = 1000;

/**
 * frm.internal.v1.SubjectKeyService: the key table for the services that encrypt with PiiCipher.
 * Wrapped keys only. No RpcAccessGuard: it is called service to service, never through the gateway
 * (which routes no frm.internal service); keep the compliance port on the platform's private network.
 */
@Controller()
@frmInternalV1.SubjectKeyServiceControllerMethods()
export class SubjectKeysController {
  constructor(@Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore) {}

  async getOrCreateSubjectKeys(request: frmInternalV1.GetOrCreateSubjectKeysRequest): Promise<frmInternalV1.GetOrCreateSubjectKeysResponse> {
    bounded('candidates', request.candidates.length);
    const candidates = request.candidates.map((candidate, index) => {
      if (candidate.keyId === '' || candidate.masterKeyVersion === '' || candidate.wrappedKeyBase64 === '') {
        throw new InvalidArgumentError(`candidates.${index}`, 'needs key_id, master_key_version and wrapped_key_base64');
      }
      return {
        subjectId: subjectIdOf(`candidates.${index}.subject_id`, candidate.subjectId),
        keyId: candidate.keyId,
        wrappedKey: Buffer.from(candidate.wrappedKeyBase64, 'base64'),
        masterKeyVersion: candidate.masterKeyVersion,
      };
    });
    const keys: SubjectKey[] = [];
    for (const candidate of candidates) keys.push(await this.keys.getOrCreate(candidate));
    return { keys: keys.map(wrappedKeyMessageOf) };
  }

  async findSubjectKeys(request: frmInternalV1.FindSubjectKeysRequest): Promise<frmInternalV1.FindSubjectKeysResponse> {
    bounded('subject_ids', request.subjectIds.length);
    const subjectIds = request.subjectIds.map((id, index) => subjectIdOf(`subject_ids.${index}`, id));
    return { keys: (await this.keys.findMany(subjectIds)).map(wrappedKeyMessageOf) };
  }
}

function bounded(field: string, count: number): void {
  if (count > MAX_KEYS_PER_CALL) throw new InvalidArgumentError(field, `must list at most ${MAX_KEYS_PER_CALL}; split the batch`, count);
}

function subjectIdOf(field: string, value: string): string {
  try {
    return canonicalSubjectId(value);
  } catch (error) {
    if (error instanceof InvalidSubjectIdError) throw new InvalidArgumentError(field, 'must be a UUID (a token’s sub)');
    throw error;
  }
}

export function wrappedKeyMessageOf(key: SubjectKey): frmInternalV1.WrappedSubjectKey {
  return {
    subjectId: key.subjectId,
    keyId: key.keyId,
    wrappedKeyBase64: key.wrappedKey.toString('base64'),
    masterKeyVersion: key.masterKeyVersion,
    createTime: timestampFromDate(key.createdAt),
    rotateTime: key.rotatedAt ? timestampFromDate(key.rotatedAt) : null,
  };
}
