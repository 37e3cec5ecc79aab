import { loadSettings } from '@frm/config';
import { environmentOf, readComposeFile, type ComposeService } from '@frm/testing';
import { votingRelayFrom, votingSettings } from '../src';

describe('docker-compose.yml, voting', () => {
  const compose = readComposeFile();
  const voting = compose.services['voting'] as ComposeService;
  const env = environmentOf(voting);

  it('gives voting every setting it requires, each valid: EventStoreDB, its Postgres, Redis, Kafka and compliance', () => {
    const settings = loadSettings(votingSettings, env);
    expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
    expect(settings.FRM_REDIS_URL).toBe('redis://redis:6379');
    expect(settings.FRM_VOTING_GRPC_HOST).toBe('0.0.0.0');
    expect(settings.FRM_SIGNAL_HASH_KEY?.length).toBeGreaterThanOrEqual(32);
    expect(Object.keys(voting.depends_on ?? {}).sort()).toEqual(['compliance', 'eventstore', 'kafka', 'postgres', 'redis']);
    // Review reasons are encrypted with keys from compliance, unwrapped with the master key compliance wraps them with.
    const compliance = compose.services['compliance'] as ComposeService;
    expect(settings.FRM_COMPLIANCE_GRPC_ADDRESS).toBe(`compliance:${environmentOf(compliance)['FRM_COMPLIANCE_GRPC_PORT']}`);
    expect(env['FRM_MASTER_KEY']).toBe(environmentOf(compliance)['FRM_MASTER_KEY']);
    expect(settings.FRM_MASTER_KEY).toHaveLength(32);
    expect(votingRelayFrom(settings)?.kafka.brokers).toEqual(['kafka:9092']);
  });

  it('checks the port voting listens on, publishes none, and the gateway calls it there', () => {
    expect(voting.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_VOTING_GRPC_PORT']]);
    expect(voting.ports ?? []).toEqual([]);
    const gateway = compose.services['gateway'] as ComposeService;
    expect(environmentOf(gateway)['FRM_VOTING_GRPC_ADDRESS']).toBe(`voting:${env['FRM_VOTING_GRPC_PORT']}`);
    expect(Object.keys(gateway.depends_on ?? {})).toContain('voting');
  });
});
