import { loadSettings } from '@frm/config';
import { openLocalMasterKeys } from '@frm/pii';
import { environmentOf, readComposeFile, type ComposeService } from '@frm/testing';
import { complianceSettings, runModeKindOf } from '../src';

describe('docker-compose.yml, compliance', () => {
  const compose = readComposeFile();
  const compliance = compose.services['compliance'] as ComposeService;
  const env = environmentOf(compliance);

  it('gives compliance every setting it requires, each valid: EventStoreDB, its Postgres, Redis, Kafka and a master key', async () => {
    const settings = loadSettings(complianceSettings, env);
    expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
    expect(settings.FRM_COMPLIANCE_GRPC_HOST).toBe('0.0.0.0');
    expect(runModeKindOf(settings)).toBe('distributed');
    await expect(openLocalMasterKeys(settings, runModeKindOf(settings))).resolves.toMatchObject({ generatedIn: undefined });
    expect(Object.keys(compliance.depends_on ?? {}).sort()).toEqual(['eventstore', 'kafka', 'postgres', 'redis']);
  });

  it('checks the port compliance listens on, publishes none, and the gateway calls it there', () => {
    expect(compliance.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_COMPLIANCE_GRPC_PORT']]);
    expect(compliance.ports ?? []).toEqual([]);
    const gateway = compose.services['gateway'] as ComposeService;
    expect(environmentOf(gateway)['FRM_COMPLIANCE_GRPC_ADDRESS']).toBe(`compliance:${env['FRM_COMPLIANCE_GRPC_PORT']}`);
    expect(Object.keys(gateway.depends_on ?? {})).toContain('compliance');
  });

  it('refuses to start without a master key outside the embedded mode, naming FRM_MASTER_KEY and how to make one', async () => {
    const settings = loadSettings(complianceSettings, { ...env, FRM_MASTER_KEY: '' });
    await expect(openLocalMasterKeys(settings, runModeKindOf(settings))).rejects.toThrow(/FRM_MASTER_KEY: missing.*openssl rand -base64 32/);
  });
});
