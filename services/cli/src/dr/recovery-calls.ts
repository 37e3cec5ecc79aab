import { credentials, makeGenericClientConstructor, Metadata, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import type { GatewayTarget } from '../gateway/gateway-target';

interface RecoveryStub {
  listProjections(request: frmV1.ListProjectionsRequest, metadata: Metadata, callback: (error: ServiceError | null, response?: frmV1.ListProjectionsResponse) => void): void;
  rebuildProjection(request: frmV1.RebuildProjectionRequest, metadata: Metadata): ClientReadableStream<frmV1.RebuildProjectionUpdate>;
  verifyProjection(request: frmV1.VerifyProjectionRequest, metadata: Metadata): ClientReadableStream<frmV1.VerifyProjectionUpdate>;
  republishEvents(request: frmV1.RepublishEventsRequest, metadata: Metadata): ClientReadableStream<frmV1.RepublishEventsUpdate>;
  runRestoreDrill(request: frmV1.RunRestoreDrillRequest, metadata: Metadata): ClientReadableStream<frmV1.RunRestoreDrillUpdate>;
  listBackups(request: frmV1.ListBackupsRequest, metadata: Metadata, callback: (error: ServiceError | null, response?: frmV1.ListBackupsResponse) => void): void;
  close(): void;
}

/** frm.v1.RecoveryService through the gateway, which checks the token and tells the orchestrator who calls. */
export class RecoveryCalls {
  private readonly client: RecoveryStub;
  private readonly metadata = new Metadata();

  constructor(gateway: GatewayTarget, accessToken: string) {
    const Client = makeGenericClientConstructor(frmV1.RecoveryServiceService, 'RecoveryService');
    this.client = new Client(gateway.address, gateway.tls ? credentials.createSsl() : credentials.createInsecure()) as unknown as RecoveryStub;
    this.metadata.set('authorization', `Bearer ${accessToken}`);
  }

  listProjections(): Promise<frmV1.ListProjectionsResponse> {
    return new Promise((resolve, reject) =>
      this.client.listProjections(frmV1.ListProjectionsRequest.fromPartial({}), this.metadata, (error, response) => (error ? reject(error) : resolve(response as frmV1.ListProjectionsResponse))),
    );
  }

  listBackups(): Promise<frmV1.ListBackupsResponse> {
    return new Promise((resolve, reject) =>
      this.client.listBackups(frmV1.ListBackupsRequest.fromPartial({}), this.metadata, (error, response) => (error ? reject(error) : resolve(response as frmV1.ListBackupsResponse))),
    );
  }

  rebuildProjection(request: Partial<frmV1.RebuildProjectionRequest>, signal: AbortSignal): AsyncGenerator<frmV1.RebuildProjectionUpdate> {
    return this.streamed(this.client.rebuildProjection(frmV1.RebuildProjectionRequest.fromPartial(request), this.metadata), signal);
  }

  verifyProjection(request: Partial<frmV1.VerifyProjectionRequest>, signal: AbortSignal): AsyncGenerator<frmV1.VerifyProjectionUpdate> {
    return this.streamed(this.client.verifyProjection(frmV1.VerifyProjectionRequest.fromPartial(request), this.metadata), signal);
  }

  republishEvents(request: Partial<frmV1.RepublishEventsRequest>, signal: AbortSignal): AsyncGenerator<frmV1.RepublishEventsUpdate> {
    return this.streamed(this.client.republishEvents(frmV1.RepublishEventsRequest.fromPartial(request), this.metadata), signal);
  }

  runRestoreDrill(request: Partial<frmV1.RunRestoreDrillRequest>, signal: AbortSignal): AsyncGenerator<frmV1.RunRestoreDrillUpdate> {
    return this.streamed(this.client.runRestoreDrill(frmV1.RunRestoreDrillRequest.fromPartial(request), this.metadata), signal);
  }

  close(): void {
    this.client.close();
  }

  /** The stream's messages; aborting `signal` cancels the call (the server then stops the work). */
  private async *streamed<Update>(stream: ClientReadableStream<Update>, signal: AbortSignal): AsyncGenerator<Update> {
    const cancel = () => stream.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      if (signal.aborted) cancel();
      for await (const update of stream) yield update as Update;
    } finally {
      signal.removeEventListener('abort', cancel);
      stream.cancel();
    }
  }
}
