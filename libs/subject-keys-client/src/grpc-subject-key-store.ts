import { credentials, makeGenericClientConstructor, type CallOptions, type ChannelCredentials, type Metadata, type ServiceError } from '@grpc/grpc-js';
import { dateFromTimestamp, frmInternalV1 } from '@frm/contracts';
import type { KeyRewrap, NewSubjectKey, SubjectKey, SubjectKeyPage, SubjectKeyStore } from '@frm/pii';

export interface GrpcSubjectKeyStoreOptions {
  /** `host:port` of the compliance service (FRM_COMPLIANCE_GRPC_ADDRESS). */
  readonly address: string;
  /** Default: insecure, for the platform's private network. */
  readonly credentials?: ChannelCredentials;
  /** Per call (default 5 s): encryption waits on it. */
  readonly timeoutMs?: number;
}

/** A SubjectKeyStore operation that only the compliance service itself performs. */
export class SubjectKeyOperationNotOfferedError extends Error {
  override readonly name = 'SubjectKeyOperationNotOfferedError';
  constructor(operation: string, where: string) {
    super(`${operation} is not offered over frm.internal.v1.SubjectKeyService: ${where}`);
  }
}

/**
 * The compliance service's key table as a {@link SubjectKeyStore}, over its internal gRPC service,
 * for services that encrypt personal data: `new PiiCipher(await GrpcSubjectKeyStore.connect(…), kms)`.
 * Keys travel wrapped; the caller's master key provider unwraps them. Erasure and master key
 * rotation stay in the compliance service (EraseSubject, rotateMasterKey there).
 */
export class GrpcSubjectKeyStore implements SubjectKeyStore {
  private readonly client: SubjectKeyServiceStub;

  constructor(private readonly options: GrpcSubjectKeyStoreOptions) {
    const Client = makeGenericClientConstructor(frmInternalV1.SubjectKeyServiceService, 'SubjectKeyService');
    this.client = new Client(options.address, options.credentials ?? credentials.createInsecure()) as unknown as SubjectKeyServiceStub;
  }

  async find(subjectId: string): Promise<SubjectKey | undefined> {
    return (await this.findMany([subjectId]))[0];
  }

  async findMany(subjectIds: readonly string[]): Promise<SubjectKey[]> {
    if (subjectIds.length === 0) return [];
    const response = await this.call<frmInternalV1.FindSubjectKeysResponse>((callback, deadline) =>
      this.client.findSubjectKeys({ subjectIds: [...new Set(subjectIds)] }, { deadline }, callback),
    );
    return response.keys.map(subjectKeyOf);
  }

  async getOrCreate(candidate: NewSubjectKey): Promise<SubjectKey> {
    const response = await this.call<frmInternalV1.GetOrCreateSubjectKeysResponse>((callback, deadline) =>
      this.client.getOrCreateSubjectKeys(
        {
          candidates: [
            {
              subjectId: candidate.subjectId,
              keyId: candidate.keyId,
              wrappedKeyBase64: candidate.wrappedKey.toString('base64'),
              masterKeyVersion: candidate.masterKeyVersion,
              createTime: null,
              rotateTime: null,
            },
          ],
        },
        { deadline },
        callback,
      ),
    );
    const key = response.keys[0];
    if (!key) throw new Error(`the compliance service at ${this.options.address} returned no key for subject ${candidate.subjectId}`);
    return subjectKeyOf(key);
  }

  delete(): Promise<boolean> {
    return Promise.reject(new SubjectKeyOperationNotOfferedError('delete', 'erase a subject with frm.v1.ComplianceService/EraseSubject, which also records it in the erasure ledger'));
  }

  list(_page: SubjectKeyPage): Promise<SubjectKey[]> {
    return Promise.reject(new SubjectKeyOperationNotOfferedError('list', 'master key rotation runs inside the compliance service'));
  }

  rewrap(_rewraps: readonly KeyRewrap[]): Promise<string[]> {
    return Promise.reject(new SubjectKeyOperationNotOfferedError('rewrap', 'master key rotation runs inside the compliance service'));
  }

  countByMasterKeyVersion(): Promise<ReadonlyMap<string, number>> {
    return Promise.reject(new SubjectKeyOperationNotOfferedError('countByMasterKeyVersion', 'master key status is read inside the compliance service'));
  }

  recordMasterKeyVersion(_version: string): Promise<Date> {
    return Promise.reject(new SubjectKeyOperationNotOfferedError('recordMasterKeyVersion', 'master key versions are recorded inside the compliance service'));
  }

  close(): void {
    this.client.close();
  }

  private call<Response>(start: (callback: (error: ServiceError | null, response: Response) => void, deadline: Date) => void): Promise<Response> {
    const deadline = new Date(Date.now() + (this.options.timeoutMs ?? 5_000));
    return new Promise((resolve, reject) => start((error, response) => (error ? reject(error) : resolve(response)), deadline));
  }
}

type Unary<Request, Response> = (
  request: Request,
  options: Partial<CallOptions> | Metadata,
  callback: (error: ServiceError | null, response: Response) => void,
) => void;

interface SubjectKeyServiceStub {
  findSubjectKeys: Unary<frmInternalV1.FindSubjectKeysRequest, frmInternalV1.FindSubjectKeysResponse>;
  getOrCreateSubjectKeys: Unary<frmInternalV1.GetOrCreateSubjectKeysRequest, frmInternalV1.GetOrCreateSubjectKeysResponse>;
  close(): void;
}

function subjectKeyOf(key: frmInternalV1.WrappedSubjectKey): SubjectKey {
  return {
    subjectId: key.subjectId,
    keyId: key.keyId,
    wrappedKey: Buffer.from(key.wrappedKeyBase64, 'base64'),
    masterKeyVersion: key.masterKeyVersion,
    createdAt: key.createTime ? dateFromTimestamp(key.createTime) : new Date(0),
    rotatedAt: key.rotateTime ? dateFromTimestamp(key.rotateTime) : undefined,
  };
}
