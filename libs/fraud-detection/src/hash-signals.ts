import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** What the gateway knows about where a vote came from, before hashing. */
export interface RawSignals {
  ipAddress?: string;
  deviceFingerprint?: string;
}

/** The `ObservedVote` fields derived from `RawSignals`; '' when unknown. */
export interface HashedSignals {
  ipHash: string;
  networkHash: string;
  deviceHash: string;
}

/**
 * Keyed hashes of a vote's origin, so the detectors can match devices and networks without
 * anyone storing raw IPs. The voting service and the simulator must both use this, with the same
 * key, or their hashes never meet. Each role is hashed under its own label: an IP never equals a
 * network or a device by accident.
 */
export function hashSignals(raw: RawSignals, key: string | Buffer): HashedSignals {
  const ip = normalizeIp(raw.ipAddress ?? '');
  return {
    ipHash: keyedHash('ip', ip, key),
    networkHash: keyedHash('network', networkOf(ip), key),
    deviceHash: keyedHash('device', raw.deviceFingerprint?.trim() ?? '', key),
  };
}

/**
 * The network an address belongs to: its IPv4 /24 (a household's or an office's neighbours), or
 * its IPv6 /64 (one subscriber's allocation); '' for anything that is not an IP address.
 */
export function networkOf(ipAddress: string): string {
  const ip = normalizeIp(ipAddress);
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) return `${ip.split(':').slice(0, 4).join(':')}::/64`;
  return '';
}

/** HMAC-SHA256 of a labelled value as hex; '' stays '' so "unknown" never groups anyone. */
function keyedHash(label: string, value: string, key: string | Buffer): string {
  if (value === '') return '';
  return createHmac('sha256', key).update(`${label}\u0000${value}`).digest('hex');
}

/** One spelling per address: IPv4-mapped IPv6 (as Node reports IPv4 peers) becomes IPv4, IPv6 is fully expanded. */
function normalizeIp(ipAddress: string): string {
  const trimmed = ipAddress.trim();
  if (isIPv4(trimmed)) return trimmed;
  if (!isIPv6(trimmed)) return '';
  const groups = expandIpv6(trimmed.split('%')[0] as string);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6] as number, groups[7] as number];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return groups.map((group) => group.toString(16).padStart(4, '0')).join(':');
}

function expandIpv6(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => Number.parseInt(group, 16));
}
