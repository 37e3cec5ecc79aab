import { credentials, makeGenericClientConstructor, Metadata, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { callerMetadataOf, type Role } from '@frm/caller';
import { frmV1 } from '@frm/contracts';

export interface Caller {
  readonly subject: string;
  readonly roles: readonly Role[];
}

type UnaryRpc = 'eraseSubject' | 'recordConsent' | 'withdrawConsent' | 'listConsents' | 'listDataRequests';
type UnaryCall = (request: unknown, metadata: Metadata, callback: (error: ServiceError | null, response?: unknown) => void) => void;
type Codec = { fromPartial(value: unknown): unknown };

/** A grpc-js client of frm.v1.ComplianceService, calling as the gateway does. */
export class ComplianceClient {
  private readonly client: Record<UnaryRpc, UnaryCall> & {
    exportSubjectData(request: unknown, metadata: Metadata): ClientReadableStream<frmV1.ExportSubjectDataChunk>;
    close(): void;
  };

  constructor(address: string) {
    const Client = makeGenericClientConstructor(frmV1.ComplianceServiceService, 'ComplianceService');
    this.client = new Client(address, credentials.createInsecure()) as unknown as typeof this.client;
  }

  call<Response>(rpc: UnaryRpc, request: object, as: Caller): Promise<Response> {
    const codec = (frmV1 as unknown as Record<string, Codec>)[`${rpc.charAt(0).toUpperCase()}${rpc.slice(1)}Request`] as Codec;
    return new Promise((resolve, reject) =>
      this.client[rpc].call(this.client, codec.fromPartial(request), metadataOf(as), (error, response) => (error ? reject(error) : resolve(response as Response))),
    );
  }

  erase(request: Partial<frmV1.EraseSubjectRequest>, as: Caller): Promise<frmV1.ErasureCertificate> {
    return this.call('eraseSubject', request, as);
  }

  /** Every chunk of an export, or the error it ended with. */
  export(request: Partial<frmV1.ExportSubjectDataRequest>, as: Caller): Promise<frmV1.ExportSubjectDataChunk[]> {
    const stream = this.client.exportSubjectData(frmV1.ExportSubjectDataRequest.fromPartial(request), metadataOf(as));
    const chunks: frmV1.ExportSubjectDataChunk[] = [];
    return new Promise((resolve, reject) => {
      stream.on('data', (chunk: frmV1.ExportSubjectDataChunk) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(chunks));
    });
  }

  async failure(call: Promise<unknown>): Promise<ServiceError> {
    try {
      await call;
    } catch (error) {
      return error as ServiceError;
    }
    throw new Error('expected the call to fail; it succeeded');
  }

  close(): void {
    this.client.close();
  }
}

function metadataOf(as: Caller): Metadata {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(callerMetadataOf({ subject: as.subject, roles: as.roles }))) metadata.set(key, value);
  return metadata;
}
