import { randomBytes, randomUUID } from 'node:crypto';
import { Code, ConnectError } from '@connectrpc/connect';
import type { DestinationStream } from 'pino';
import { signAccessToken, startGateway, type RunningGateway } from '@frm/gateway';
import { startIntakeService, type RunningIntakeService } from '@frm/intake';
import { createLogger } from '@frm/logging';
import { testPglite, type TestPglite } from '@frm/testing';
import { startVotingService, type RunningVotingService } from '@frm/voting';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');

/** Every line a logger writes, parsed. */
class CapturedLog implements DestinationStream {
  readonly lines: Record<string, unknown>[] = [];

  write(text: string): void {
    for (const line of text.split('\n')) if (line !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
}

/**
 * The request id ties together the log lines one call causes: the gateway's and the service's,
 * whether the client sent the id (`x-request-id`) or the gateway made one up.
 */
describe('the request id in every log line of a call', () => {
  const log = new CapturedLog();
  // A database of its own: the services create their schemas under fixed names.
  let postgres: TestPglite;
  let intake: RunningIntakeService;
  let voting: RunningVotingService;
  let gateway: RunningGateway;

  beforeAll(async () => {
    postgres = await testPglite();
    const logger = (service: string) => createLogger({ service, level: 'debug', destination: log });
    intake = await startIntakeService({ db: postgres.db, logger: logger('intake'), port: 0 });
    voting = await startVotingService({ db: postgres.db, logger: logger('voting'), port: 0, signalHashKey: randomBytes(32) });
    gateway = await startGateway({
      routes: { 'frm.v1.IntakeService': intake.address, 'frm.v1.VotingService': voting.address },
      tokenKeys: { secret: SECRET },
      logger: logger('gateway'),
      port: 0,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await voting?.close();
    await intake?.close();
    await postgres?.cleanup();
  });

  /**
   * How `call` ended, and every line written meanwhile. Nothing else runs then (no Kafka relay, no
   * votes for the processors to handle), so each of those lines is the call's.
   */
  async function linesOf(call: () => Promise<unknown>): Promise<{ failure: ConnectError | undefined; lines: Record<string, unknown>[] }> {
    const from = log.lines.length;
    const failure = await call().then(
      () => undefined,
      (error: unknown) => ConnectError.from(error),
    );
    // The gateway logs a call's end just after answering it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { failure, lines: log.lines.slice(from) };
  }

  const described = (line: Record<string, unknown>) => ({ service: line['service'], msg: line['msg'], requestId: line['requestId'] });

  it('carries the id the client sent on the gateway’s and the services’ lines', async () => {
    const user = new GatewayUser(gateway.address, SECRET, ['couple']);
    // A request that does not exist: the service logs the refusal, the gateway the call.
    const get = await linesOf(() => user.call('getFeatureRequest', { featureRequestId: randomUUID() }, { 'x-request-id': 'req-lines-1' }));
    expect(get.failure?.code).toBe(Code.NotFound);
    expect(new Set(get.lines.map((line) => line['service']))).toEqual(new Set(['gateway', 'intake']));
    for (const line of get.lines) expect(described(line)).toMatchObject({ requestId: 'req-lines-1' });

    const vote = await linesOf(() => user.callVoting('castVote', { featureRequestId: randomUUID() }, { 'x-request-id': 'req-lines-2' }));
    expect(vote.failure).toBeDefined();
    expect(new Set(vote.lines.map((line) => line['service']))).toEqual(new Set(['gateway', 'voting']));
    for (const line of vote.lines) expect(described(line)).toMatchObject({ requestId: 'req-lines-2' });
  });

  it('carries the id the gateway made when the client sent none, the one it answers with', async () => {
    const authorization = `Bearer ${await signAccessToken({ sub: randomUUID(), roles: ['product'] }, SECRET)}`;
    let answeredId: string | null = null;
    // An empty ChangeStatus: product may call it, and intake refuses it for its missing fields.
    const { lines } = await linesOf(async () => {
      const response = await fetch(`http://${gateway.address}/frm.v1.IntakeService/ChangeStatus`, {
        method: 'POST',
        headers: { 'content-type': 'application/grpc-web+proto', authorization },
        body: new Uint8Array([0, 0, 0, 0, 0]),
      });
      answeredId = response.headers.get('x-request-id');
      await response.arrayBuffer();
    });
    expect(answeredId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(lines.map((line) => line['service']))).toEqual(new Set(['gateway', 'intake']));
    for (const line of lines) expect(described(line)).toMatchObject({ requestId: answeredId });
  });
});
