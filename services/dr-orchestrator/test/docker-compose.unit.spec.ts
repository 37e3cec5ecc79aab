import { loadSettings } from '@frm/config';
import { environmentOf, readComposeFile, type ComposeService } from '@frm/testing';
import { freezePolicyFrom } from '@frm/wedding-day-freeze';
import { drOrchestratorSettings } from '../src';

describe('docker-compose.yml, the DR orchestrator', () => {
  const compose = readComposeFile();
  const orchestrator = compose.services['dr-orchestrator'] as ComposeService;
  const env = environmentOf(orchestrator);

  it('gives it every setting it requires, each valid: EventStoreDB, the Postgres of the read models, compliance for decrypting, a freeze zone', () => {
    const settings = loadSettings(drOrchestratorSettings, env);
    expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
    expect(settings.FRM_DR_GRPC_HOST).toBe('0.0.0.0');
    const compliance = compose.services['compliance'] as ComposeService;
    expect(settings.FRM_COMPLIANCE_GRPC_ADDRESS).toBe(`compliance:${environmentOf(compliance)['FRM_COMPLIANCE_GRPC_PORT']}`);
    expect(env['FRM_MASTER_KEY']).toBe(environmentOf(compliance)['FRM_MASTER_KEY']);
    expect(freezePolicyFrom(settings)).toEqual({ timeZone: 'Europe/London', weekdays: ['saturday'], blackouts: [] });
    expect(Object.keys(orchestrator.depends_on ?? {}).sort()).toEqual(['compliance', 'eventstore', 'postgres']);
  });

  it('checks the port it listens on, publishes none, and the gateway routes RecoveryService there', () => {
    expect(orchestrator.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_DR_GRPC_PORT']]);
    expect(orchestrator.ports ?? []).toEqual([]);
    const gateway = compose.services['gateway'] as ComposeService;
    expect(environmentOf(gateway)['FRM_DR_GRPC_ADDRESS']).toBe(`dr-orchestrator:${env['FRM_DR_GRPC_PORT']}`);
    expect(Object.keys(gateway.depends_on ?? {})).toContain('dr-orchestrator');
  });
});
