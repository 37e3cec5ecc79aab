import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, ConnectError, Code } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { readDescriptorImage } from '@frm/contracts';
import { signAccessToken } from '@frm/gateway';
import type { RunningPlatform } from '../src/launch-platform';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');

type AnyClient = Record<string, (request: object, options: { headers: Record<string, string> }) => unknown>;

/**
 * Compliance through the gateway, on the platform `npm start` runs: a couple's request, comment and
 * vote made through intake and voting come out of their export; the gateway refuses the internal
 * key service to every role.
 */
describe('compliance through the gateway', () => {
  let embedded: EmbeddedPlatform;
  let platform: RunningPlatform;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET });
    platform = embedded.platform;
  });

  afterAll(async () => {
    await embedded?.close();
  });

  const clientOf = (service: string) => {
    const descriptor = readDescriptorImage().getService(service);
    if (!descriptor) throw new Error(`${service} is not in the descriptor image`);
    return createClient(descriptor, createGrpcWebTransport({ baseUrl: `http://${platform.gateway.address}`, httpVersion: '1.1' })) as unknown as AnyClient;
  };
  const headersFor = async (subject: string, roles: string[]) => ({ authorization: `Bearer ${await signAccessToken({ sub: subject, roles }, SECRET)}` });

  it('exports what a couple made through intake and voting, streamed and watermarked, and refuses it to someone else', async () => {
    const couple = new GatewayUser(platform.gateway.address, SECRET, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { title: 'Shared guest list', category: 'planning-tools' });
    const featureRequestId = submitted['id'] as string;
    await couple.call('addComment', { featureRequestId, body: 'With RSVP tracking please' });
    await new GatewayUser(platform.gateway.address, SECRET, ['supplier']).callVoting('castVote', { featureRequestId });
    await couple.callVoting('castVote', { featureRequestId });

    const compliance = clientOf('frm.v1.ComplianceService');
    const records: { table: string; json: string }[] = [];
    let exportId = '';
    for await (const chunk of compliance['exportSubjectData']?.({ subjectId: couple.subject }, { headers: await headersFor(couple.subject, ['couple']) }) as AsyncIterable<{
      exportId: string;
      records: { table: string; json: string }[];
    }>) {
      exportId = chunk.exportId;
      records.push(...chunk.records);
    }
    expect(records.map((record) => record.table).sort()).toEqual(['comments', 'feature_requests', 'votes']);
    expect(records.every((record) => (JSON.parse(record.json) as { watermark: string }).watermark === exportId)).toBe(true);
    expect(records.find((record) => record.table === 'comments')?.json).toContain('With RSVP tracking please');

    const other = await drain(compliance['exportSubjectData']?.({ subjectId: couple.subject }, { headers: await headersFor(randomUUID(), ['supplier']) }) as AsyncIterable<unknown>);
    expect(other).toBe('PermissionDenied');
  });

  it('refuses the internal key service to every role: it has no route and no access entry', async () => {
    const keys = clientOf('frm.internal.v1.SubjectKeyService');
    for (const role of ['couple', 'supplier', 'product', 'admin']) {
      const outcome = await (keys['findSubjectKeys']?.({ subjectIds: [randomUUID()] }, { headers: await headersFor(randomUUID(), [role]) }) as Promise<unknown>).then(
        () => 'OK',
        (error: unknown) => Code[ConnectError.from(error).code],
      );
      expect({ role, outcome }).toEqual({ role, outcome: 'PermissionDenied' });
    }
  });
});

async function drain(stream: AsyncIterable<unknown>): Promise<string> {
  try {
    for await (const _ of stream) void _;
    return 'OK';
  } catch (error) {
    return Code[ConnectError.from(error).code] ?? 'Unknown';
  }
}
