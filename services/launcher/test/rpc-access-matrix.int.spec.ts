import { randomBytes, randomUUID } from 'node:crypto';
import { createClient, ConnectError, Code } from '@connectrpc/connect';
import { createGrpcWebTransport } from '@connectrpc/connect-node';
import { credentials, makeGenericClientConstructor, Metadata, status, type ServiceDefinition, type ServiceError } from '@grpc/grpc-js';
import { RPC_ACCESS } from '@frm/access';
import { callerMetadataOf, ROLES, type Role } from '@frm/caller';
import { frmV1, readDescriptorImage } from '@frm/contracts';
import { signAccessToken } from '@frm/gateway';
import type { RunningPlatform } from '../src/launch-platform';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';

const SECRET = randomBytes(32).toString('base64url');

interface Rpc {
  readonly service: string;
  readonly method: string;
  /** connect-es's lowerCamelCase name. */
  readonly localName: string;
  readonly serverStreaming: boolean;
}

// Service-to-service APIs (frm.internal.*) are not in the access table and not routed by the gateway:
// nobody calls them with a role. compliance.int.spec.ts checks that the gateway refuses them.
const INTERNAL_PACKAGE = /^frm\.internal\./;

/** Every public RPC of the contracts, read from the descriptor image that `proto/` compiles to. */
function everyRpcOfTheContracts(): Rpc[] {
  return [...readDescriptorImage().files].flatMap((file) =>
    file.services
      .filter((service) => !INTERNAL_PACKAGE.test(service.typeName))
      .flatMap((service) => service.methods.map((method) => ({ service: service.typeName, method: method.name, localName: method.localName, serverStreaming: method.methodKind === 'server_streaming' }))),
  );
}

/** grpc-js definitions of the services this platform runs, by full name. */
const DEFINITIONS: Readonly<Record<string, ServiceDefinition>> = {
  'frm.v1.IntakeService': frmV1.IntakeServiceService,
  'frm.v1.VotingService': frmV1.VotingServiceService,
  'frm.v1.ComplianceService': frmV1.ComplianceServiceService,
  'frm.v1.NotificationService': frmV1.NotificationServiceService,
  'frm.v1.TriageService': frmV1.TriageServiceService,
  'frm.v1.RecoveryService': frmV1.RecoveryServiceService,
};

/**
 * Reads a server stream until its first message, its end or its error, as a unary call's promise
 * would settle: a stream that was let through has answered once it sends anything (WatchNotifications
 * never ends by itself).
 */
async function firstOf(open: (signal: AbortSignal) => AsyncIterable<unknown> | undefined): Promise<void> {
  const stop = new AbortController();
  const stream = open(stop.signal);
  if (!stream) return;
  try {
    for await (const _ of stream) {
      void _;
      break;
    }
  } finally {
    stop.abort();
  }
}

const rpcs = everyRpcOfTheContracts();
const cases = rpcs.flatMap((rpc) => ROLES.map((role) => ({ rpc, role, name: `${rpc.service}/${rpc.method}`, allowed: (RPC_ACCESS[`${rpc.service}/${rpc.method}`] ?? []).includes(role) })));

/**
 * Every RPC of proto/ against every role, through the gateway and straight to the service that
 * serves it: a role missing from the access table is PERMISSION_DENIED at both, a role in it gets
 * past both (the empty request then fails on its content, never on who asks).
 */
describe('who may call what: every RPC × every role, at the gateway and again at the service', () => {
  let embedded: EmbeddedPlatform;
  let platform: RunningPlatform;

  beforeAll(async () => {
    // Every RPC × every role comes from one address, more than the 100 calls a minute an address may make.
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET, FRM_RATE_LIMIT_PER_IP: '100000' });
    platform = embedded.platform;
  });

  afterAll(async () => {
    await embedded?.close();
  });

  it('knows the services of every RPC in the contracts', () => {
    expect(rpcs.length).toBeGreaterThanOrEqual(14);
    for (const rpc of rpcs) expect(Object.keys(DEFINITIONS)).toContain(rpc.service);
  });

  it.each(cases)('$name as $role through the gateway: allowed=$allowed', async ({ rpc, role, allowed }) => {
    const service = readDescriptorImage().getService(rpc.service);
    if (!service) throw new Error(`${rpc.service} is not in the descriptor image`);
    const client = createClient(service, createGrpcWebTransport({ baseUrl: `http://${platform.gateway.address}`, httpVersion: '1.1' })) as unknown as Record<
      string,
      (request: object, options: { headers: Record<string, string>; signal?: AbortSignal }) => Promise<unknown>
    >;
    const token = await signAccessToken({ sub: randomUUID(), roles: [role] }, SECRET);
    const options = { headers: { authorization: `Bearer ${token}` } };
    const call = rpc.serverStreaming
      ? firstOf((signal) => client[rpc.localName]?.({}, { ...options, signal }) as unknown as AsyncIterable<unknown>)
      : client[rpc.localName]?.({}, options);
    const outcome = await call?.then(
      () => 'OK',
      (error: unknown) => `${Code[ConnectError.from(error).code]}: ${ConnectError.from(error).rawMessage}`,
    );
    if (allowed) expect(outcome).not.toMatch(/^(PermissionDenied|Unauthenticated|Unimplemented)\b/);
    else expect(outcome).toMatch(/^PermissionDenied\b/);
  });

  it.each(cases)('$name as $role straight to the service: allowed=$allowed', async ({ rpc, role, allowed }) => {
    const addresses: Record<string, string> = {
      'frm.v1.IntakeService': platform.intake.address,
      'frm.v1.VotingService': platform.voting.address,
      'frm.v1.ComplianceService': platform.compliance.address,
      'frm.v1.NotificationService': platform.notifications.address,
      'frm.v1.TriageService': platform.triage.address,
      'frm.v1.RecoveryService': platform.recovery.address,
    };
    const address = addresses[rpc.service] as string;
    const definition = DEFINITIONS[rpc.service] as ServiceDefinition;
    const Client = makeGenericClientConstructor(definition, rpc.service);
    // The empty message with every field at its default, as the service's own codec makes it.
    const emptyRequest = definition[rpc.localName]?.requestDeserialize(Buffer.alloc(0)) as object;
    const client = new Client(address, credentials.createInsecure()) as unknown as Record<
      string,
      (request: object, metadata: Metadata, callback: (error: ServiceError | null) => void) => void
    > & { close(): void };
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(callerMetadataOf({ subject: randomUUID(), roles: [role as Role] }))) metadata.set(key, value);
    try {
      const outcome = await new Promise<string>((resolve) => {
        const answer = (error: ServiceError | null) => resolve(error ? `${status[error.code]}: ${error.details}` : 'OK');
        if (!rpc.serverStreaming) {
          client[rpc.localName]?.(emptyRequest, metadata, answer);
          return;
        }
        const stream = (client as unknown as Record<string, (request: object, metadata: Metadata) => NodeJS.EventEmitter & { cancel(): void }>)[rpc.localName]?.(emptyRequest, metadata);
        // A first message means the call was let through; a watch would go on, so it is cancelled there.
        stream?.on('data', () => {
          answer(null);
          stream.cancel();
        });
        stream?.on('error', answer);
        stream?.on('end', () => answer(null));
      });
      if (allowed) expect(outcome).not.toMatch(/^(PERMISSION_DENIED|UNAUTHENTICATED|UNIMPLEMENTED)\b/);
      else expect(outcome).toMatch(/^PERMISSION_DENIED\b/);
    } finally {
      client.close();
    }
  });
});
