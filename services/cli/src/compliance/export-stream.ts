import { credentials, makeGenericClientConstructor, Metadata, type ClientReadableStream } from '@grpc/grpc-js';
import { frmV1 } from '@frm/contracts';
import type { GatewayTarget } from '../gateway/gateway-target';
import type { ExportPlan, PrivacyRegimeName } from './export-plan';

interface ComplianceStub {
  exportSubjectData(request: frmV1.ExportSubjectDataRequest, metadata: Metadata): ClientReadableStream<frmV1.ExportSubjectDataChunk>;
  close(): void;
}

const REGIME: Readonly<Record<PrivacyRegimeName, frmV1.PrivacyRegime>> = {
  gdpr: frmV1.PrivacyRegime.PRIVACY_REGIME_GDPR,
  ccpa: frmV1.PrivacyRegime.PRIVACY_REGIME_CCPA,
};

export interface ExportCall {
  readonly gateway: GatewayTarget;
  readonly accessToken: string;
  readonly plan: Pick<ExportPlan, 'subjectId' | 'requestId' | 'reason' | 'regime'>;
  /** Aborting cancels the call; the iteration then ends with CANCELLED. */
  readonly signal?: AbortSignal;
}

/**
 * frm.v1.ComplianceService/ExportSubjectData through the gateway, which verifies the token and
 * tells the compliance service who calls: the chunks as they arrive, or the call's ServiceError.
 */
export async function* exportSubjectData(call: ExportCall): AsyncGenerator<frmV1.ExportSubjectDataChunk> {
  const Client = makeGenericClientConstructor(frmV1.ComplianceServiceService, 'ComplianceService');
  const channel = call.gateway.tls ? credentials.createSsl() : credentials.createInsecure();
  const client = new Client(call.gateway.address, channel) as unknown as ComplianceStub;
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${call.accessToken}`);
  const request = frmV1.ExportSubjectDataRequest.fromPartial({
    requestId: call.plan.requestId,
    subjectId: call.plan.subjectId,
    reason: call.plan.reason,
    regime: REGIME[call.plan.regime],
  });
  const stream = client.exportSubjectData(request, metadata);
  const cancel = () => stream.cancel();
  call.signal?.addEventListener('abort', cancel, { once: true });
  try {
    if (call.signal?.aborted) cancel();
    for await (const chunk of stream) yield chunk as frmV1.ExportSubjectDataChunk;
  } finally {
    call.signal?.removeEventListener('abort', cancel);
    // A reader that stops early must not leave the call open on the server.
    stream.cancel();
    client.close();
  }
}
