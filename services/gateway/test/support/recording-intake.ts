import { Server, ServerCredentials, type Metadata, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';

/** What the service behind the gateway saw of one call. */
export interface RecordedCall {
  readonly featureRequestId: string;
  readonly metadata: Record<string, string>;
  readonly deadline: Date | number;
}

/**
 * A real gRPC server with the intake contract that answers GetFeatureRequest from what the gateway
 * passed on (the id asked for, the subject and roles set from the token) and records each call, so a
 * test can see exactly what crossed the gateway. The other RPCs answer UNIMPLEMENTED.
 */
export class RecordingIntake {
  private constructor(
    private readonly server: Server,
    readonly address: string,
    /** Every call it answered, oldest first. */
    readonly calls: RecordedCall[],
  ) {}

  static async start(): Promise<RecordingIntake> {
    const server = new Server();
    const calls: RecordedCall[] = [];
    server.addService(frmV1.IntakeServiceService, {
      getFeatureRequest(call: ServerUnaryCall<frmV1.GetFeatureRequestRequest, frmV1.FeatureRequest>, callback: sendUnaryData<frmV1.FeatureRequest>) {
        const metadata = flatten(call.metadata);
        calls.push({ featureRequestId: call.request.featureRequestId, metadata, deadline: call.getDeadline() });
        callback(null, frmV1.FeatureRequest.fromPartial({ id: call.request.featureRequestId, authorId: metadata['x-frm-subject'], title: metadata['x-frm-roles'] }));
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    return new RecordingIntake(server, `127.0.0.1:${port}`, calls);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

function flatten(metadata: Metadata): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata.getMap()).map(([key, value]) => [key, String(value)]));
}
