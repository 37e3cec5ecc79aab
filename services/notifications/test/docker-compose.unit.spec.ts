import { loadSettings } from '@frm/config';
import { environmentOf, readComposeFile, type ComposeService } from '@frm/testing';
import { notificationsSettings } from '../src';

describe('docker-compose.yml, notifications', () => {
  const compose = readComposeFile();
  const notifications = compose.services['notifications'] as ComposeService;
  const env = environmentOf(notifications);

  it('gives notifications every setting it requires, each valid: EventStoreDB, its Postgres, and compliance for the titles', () => {
    const settings = loadSettings(notificationsSettings, env);
    expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
    expect(settings.FRM_NOTIFICATIONS_GRPC_HOST).toBe('0.0.0.0');
    const compliance = compose.services['compliance'] as ComposeService;
    expect(settings.FRM_COMPLIANCE_GRPC_ADDRESS).toBe(`compliance:${environmentOf(compliance)['FRM_COMPLIANCE_GRPC_PORT']}`);
    expect(env['FRM_MASTER_KEY']).toBe(environmentOf(compliance)['FRM_MASTER_KEY']);
    expect(Object.keys(notifications.depends_on ?? {}).sort()).toEqual(['compliance', 'eventstore', 'postgres']);
  });

  it('signs unsubscribe links with a key that outlives the container, and exposes the delivery metrics', () => {
    const settings = loadSettings(notificationsSettings, env);
    expect(settings.FRM_UNSUBSCRIBE_SECRET?.length).toBeGreaterThanOrEqual(32);
    expect(settings.FRM_SMTP_URL).toBeUndefined();
    expect((notifications as ComposeService & { expose?: string[] }).expose).toContain(String(settings.FRM_NOTIFICATIONS_METRICS_PORT));
  });

  it('checks the port notifications listens on, publishes none, and the gateway calls it there', () => {
    expect(notifications.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_NOTIFICATIONS_GRPC_PORT']]);
    expect(notifications.ports ?? []).toEqual([]);
    const gateway = compose.services['gateway'] as ComposeService;
    expect(environmentOf(gateway)['FRM_NOTIFICATIONS_GRPC_ADDRESS']).toBe(`notifications:${env['FRM_NOTIFICATIONS_GRPC_PORT']}`);
    expect(Object.keys(gateway.depends_on ?? {})).toContain('notifications');
  });
});
