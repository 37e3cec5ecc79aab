import { randomUUID } from 'node:crypto';
import { frmV1 } from '@frm/contracts';
import { frame, parseGrpcWebBody, rawHttp } from './raw-grpc-web';

/** The gRPC status of one gRPC-web GetFeatureRequest through the gateway, with its trailers. */
export interface CallOutcome {
  readonly code: number;
  readonly message: string;
  readonly trailers: Record<string, string>;
}

/** One gRPC-web GetFeatureRequest (HTTP/1.1) through the gateway at `address`, with `headers` besides the content type. */
export async function getFeatureRequestThrough(address: string, headers: Record<string, string>): Promise<CallOutcome> {
  const response = await rawHttp(address, {
    path: '/frm.v1.IntakeService/GetFeatureRequest',
    headers: { 'content-type': 'application/grpc-web+proto', ...headers },
    body: frame(frmV1.GetFeatureRequestRequest.encode({ featureRequestId: randomUUID() }).finish()),
  });
  const { trailers } = parseGrpcWebBody(response.body);
  return { code: Number(trailers['grpc-status']), message: decodeURIComponent(trailers['grpc-message'] ?? ''), trailers };
}

/** The gateway's `/metrics`, as Prometheus text. */
export async function scrapeMetrics(address: string): Promise<string> {
  const response = await rawHttp(address, { method: 'GET', path: '/metrics' });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${response.body.toString()}`);
  return response.body.toString();
}

/** The value of one series in Prometheus text (`name{labels} value`), 0 when absent. */
export function metricValue(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
