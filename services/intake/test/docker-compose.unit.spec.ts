import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSettings } from '@frm/config';
import { intakeRelayFrom, intakeSettings } from '../src';
import { environmentOf, hostPortsOf, readComposeFile, type ComposeService } from '@frm/testing';
import { WORKSPACE_ROOT } from './support/intake-process';

/**
 * docker-compose.yml (the distributed mode) cannot run here: there is no Docker engine. What can
 * be known without one is checked here, so the file does not rot between the times someone runs it.
 */
describe('docker-compose.yml', () => {
  const compose = readComposeFile();
  const services = Object.entries(compose.services);
  const built = services.filter(([, service]) => service.build !== undefined);
  const inWorkspace = (path: string) => existsSync(join(WORKSPACE_ROOT, path));
  const commandOf = (service: ComposeService) => (typeof service.command === 'string' ? service.command.split(/\s+/) : [...(service.command ?? [])]);

  it('has the infrastructure of the distributed mode and the services built so far', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['eventstore', 'kafka', 'postgres', 'redis', 'intake', 'voting', 'gateway']));
  });

  it('pins every image to a version', () => {
    for (const [name, service] of services.filter(([, service]) => service.build === undefined)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d[\w.-]*$/) });
    }
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim$/m);
  });

  it('builds every service from the one Dockerfile, with an entry file that exists', () => {
    expect(built.map(([name]) => name)).toEqual(expect.arrayContaining(['intake', 'voting', 'gateway']));
    for (const [name, service] of built) {
      expect({ name, build: service.build }).toEqual({ name, build: { context: '.', dockerfile: 'Dockerfile' } });
      const [entry, ...rest] = commandOf(service);
      expect({ name, entry, rest }).toEqual({ name, entry: expect.stringMatching(/^services\/[\w-]+\/src\/main\.ts$/), rest: [] });
      expect({ name, entry, exists: inWorkspace(entry as string) }).toEqual({ name, entry, exists: true });
    }
  });

  it('checks the health of every service and starts each one after what it needs is healthy', () => {
    for (const [name, service] of services) {
      expect({ name, healthcheck: service.healthcheck?.test }).toEqual({ name, healthcheck: expect.anything() });
      const needs = service.depends_on ?? {};
      expect({ name, listForm: Array.isArray(needs) }).toEqual({ name, listForm: false });
      for (const [needed, { condition }] of Object.entries(needs as Record<string, { condition?: string }>)) {
        expect({ name, needed, known: needed in compose.services, condition }).toEqual({ name, needed, known: true, condition: 'service_healthy' });
      }
    }
    expect(Object.keys(compose.services['intake']?.depends_on ?? {}).sort()).toEqual(['compliance', 'eventstore', 'kafka', 'postgres']);
  });

  it('refers only to files that are in the workspace and not kept out of the image', () => {
    const ignored = readFileSync(join(WORKSPACE_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data']));
    for (const [name, service] of built) {
      const test = service.healthcheck?.test;
      for (const path of (Array.isArray(test) ? test : [String(test)]).filter((part) => /^(deploy|services|libs)\//.test(part))) {
        expect({ name, path, exists: inWorkspace(path), ignored: ignored.some((pattern) => path.startsWith(pattern)) }).toEqual({
          name,
          path,
          exists: true,
          ignored: false,
        });
      }
    }
    const dockerfile = readFileSync(join(WORKSPACE_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY \. \.$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "-r", "@swc-node/register"]');
    const packageJson = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(packageJson.devDependencies).toHaveProperty('@swc-node/register');
    expect(inWorkspace('package-lock.json')).toBe(true);
  });

  it('publishes no host port twice, and intake none at all (the gateway is the way in)', () => {
    const hostPorts = services.flatMap(([, service]) => hostPortsOf(service));
    expect(hostPorts.length).toBeGreaterThan(0);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPortsOf(compose.services['intake'] as ComposeService)).toEqual([]);
  });

  describe('intake', () => {
    const intake = compose.services['intake'] as ComposeService;
    const env = environmentOf(intake);

    it('gives intake every setting it requires, each valid', () => {
      const settings = loadSettings(intakeSettings, env);
      expect(settings.FRM_INTAKE_GRPC_HOST).toBe('0.0.0.0');
      // The distributed mode: events in the compose file's EventStoreDB, the read model in its Postgres.
      expect(settings.EVENTSTORE_CONNECTION_STRING).toBe('esdb://eventstore:2113?tls=false');
      expect(settings.FRM_DATABASE_URL).toBeDefined();
      const eventstore = compose.services['eventstore'] as ComposeService;
      expect(eventstore.image).toMatch(/^eventstore\/eventstore:/);
      expect(environmentOf(eventstore)['EVENTSTORE_INSECURE']).toBe('true'); // the string says tls=false
    });

    it('runs intake with its relay, on the compose file\'s Postgres and Kafka', () => {
      const relay = intakeRelayFrom(loadSettings(intakeSettings, env));
      expect(relay?.kafka.brokers).toEqual(['kafka:9092']);
      expect(relay?.createTopics).toBeDefined();
      expect(new URL(env['FRM_DATABASE_URL'] as string).host).toBe('postgres:5432');
      const postgres = environmentOf(compose.services['postgres'] as ComposeService);
      expect(env['FRM_DATABASE_URL']).toBe(
        `postgres://${postgres['POSTGRES_USER']}:${postgres['POSTGRES_PASSWORD']}@postgres:5432/${postgres['POSTGRES_DB']}`,
      );
      expect(environmentOf(compose.services['kafka'] as ComposeService)['KAFKA_ADVERTISED_LISTENERS']).toBe('PLAINTEXT://kafka:9092');
    });

    it('checks the port intake listens on, and the gateway calls it there', () => {
      expect(intake.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_INTAKE_GRPC_PORT']]);
      const gateway = environmentOf(compose.services['gateway'] as ComposeService);
      expect(gateway['FRM_INTAKE_GRPC_ADDRESS']).toBe(`intake:${env['FRM_INTAKE_GRPC_PORT']}`);
    });
  });

  // The gateway's settings schema is out of intake's reach (module boundaries), so its names are spelled out.
  it('gives the gateway every interface, its port, its JWT secret and Redis for rate limits', () => {
    const gateway = compose.services['gateway'] as ComposeService;
    const env = environmentOf(gateway);
    expect(env['FRM_GATEWAY_HOST']).toBe('0.0.0.0');
    expect(env['FRM_JWT_SECRET']?.length).toBeGreaterThanOrEqual(32);
    expect(env['FRM_REDIS_URL']).toBe('redis://redis:6379');
    expect(hostPortsOf(gateway)).toEqual([Number(env['FRM_GATEWAY_PORT'])]);
    expect(gateway.healthcheck?.test).toEqual(['CMD', 'node', 'deploy/compose/tcp-health-check.js', env['FRM_GATEWAY_PORT']]);
  });
});
