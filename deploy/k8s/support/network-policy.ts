import type { KubeObject } from './tools';

/** A pod, or an address outside the cluster, that traffic comes from or goes to. */
export interface Endpoint {
  readonly name: string;
  /** Absent for an address outside the cluster. */
  readonly namespace?: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly ip: string;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PortRule {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** Whether a label selector selects these labels (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    if (operator === 'In' && !(has && values.includes(labels[key] as string))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key] as string)) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function ipv4(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inCidr(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipv4(base as string) / size) * size;
  const value = ipv4(address);
  return value >= start && value < start + size;
}

/** Namespaces carry their name as the label kubernetes.io/metadata.name, and nothing else here. */
const namespaceLabels = (namespace: string) => ({ 'kubernetes.io/metadata.name': namespace });

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock) {
    // Addresses of pods are not matched by ipBlock (the CNI may not see them so); outside ones are.
    if (endpoint.namespace !== undefined) return false;
    return inCidr(endpoint.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((cidr) => inCidr(endpoint.ip, cidr));
  }
  if (endpoint.namespace === undefined) return false;
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(endpoint.namespace)) : endpoint.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, endpoint.podLabels ?? {});
}

function portMatches(rules: PortRule[] | undefined, port: number, protocol: string): boolean {
  if (!rules || rules.length === 0) return true;
  return rules.some((rule) => (rule.protocol ?? 'TCP') === protocol && (rule.port === undefined || rule.port === port || (typeof rule.port === 'number' && rule.endPort !== undefined && port >= rule.port && port <= rule.endPort)));
}

/**
 * Whether `from` may open a connection to `to` on `port` under the NetworkPolicies given, as the
 * API defines it: a pod selected by no policy of a direction is not isolated in that direction;
 * a selected one allows what any of its policies' rules allows (an absent or empty peer list
 * allows every peer, absent ports every port). Only the policies of pods' own namespaces apply;
 * an address outside the cluster has none.
 */
export function allows(policies: readonly KubeObject[], from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
  const policiesOf = (endpoint: Endpoint, type: 'Ingress' | 'Egress') =>
    endpoint.namespace === undefined
      ? []
      : policies.filter(
          (policy) =>
            policy['kind'] === 'NetworkPolicy' &&
            policy.metadata.namespace === endpoint.namespace &&
            selects(policy['spec'].podSelector, endpoint.podLabels ?? {}) &&
            ((policy['spec'].policyTypes as string[] | undefined) ?? ['Ingress']).includes(type),
        );
  const egress = policiesOf(from, 'Egress');
  const egressOk =
    egress.length === 0 ||
    egress.some((policy) =>
      ((policy['spec'].egress as { to?: Peer[]; ports?: PortRule[] }[] | undefined) ?? []).some(
        (rule) => (!rule.to || rule.to.length === 0 || rule.to.some((peer) => peerMatches(peer, policy.metadata.namespace as string, to))) && portMatches(rule.ports, port, protocol),
      ),
    );
  const ingress = policiesOf(to, 'Ingress');
  const ingressOk =
    ingress.length === 0 ||
    ingress.some((policy) =>
      ((policy['spec'].ingress as { from?: Peer[]; ports?: PortRule[] }[] | undefined) ?? []).some(
        (rule) => (!rule.from || rule.from.length === 0 || rule.from.some((peer) => peerMatches(peer, policy.metadata.namespace as string, from))) && portMatches(rule.ports, port, protocol),
      ),
    );
  return egressOk && ingressOk;
}
