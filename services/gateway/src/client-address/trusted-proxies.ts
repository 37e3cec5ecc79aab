import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { IpAddress } from './ip-address';
import { TrustedProxiesSettingError } from './trusted-proxies-setting.error';

type Block = readonly [network: IpAddress, prefixLength: number];

const PREFIX_LENGTH = /^\d{1,3}$/;

/** The proxies in front of the gateway whose `X-Forwarded-For` it believes (`FRM_TRUSTED_PROXIES`). */
export class TrustedProxies {
  static readonly NONE = new TrustedProxies([]);

  private constructor(private readonly blocks: readonly Block[]) {}

  /** From IP addresses and CIDR blocks, IPv4 or IPv6; throws naming the first entry that is neither. */
  static of(entries: readonly string[]): TrustedProxies {
    const blocks = entries.map((entry) => {
      const block = parseBlock(entry);
      if (block === undefined) throw new TrustedProxiesSettingError(entry);
      return block;
    });
    return new TrustedProxies(blocks);
  }

  trusts(address: IpAddress): boolean {
    return this.blocks.some(([network, prefixLength]) => network.kind() === address.kind() && address.match(network, prefixLength));
  }
}

/** Whether `entry` is an IP address or a CIDR block, as `FRM_TRUSTED_PROXIES` takes them. */
export function isTrustedProxyEntry(entry: string): boolean {
  return parseBlock(entry) !== undefined;
}

function parseBlock(entry: string): Block | undefined {
  const [address = '', prefix, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0 || (prefix !== undefined && !PREFIX_LENGTH.test(prefix))) return undefined;
  const prefixLength = prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix);
  if (prefixLength > (version === 4 ? 32 : 128)) return undefined;
  const [network] = ipaddr.parseCIDR(`${address}/${prefixLength}`);
  // Addresses are compared after IPv4-mapped ones are unmapped, so a mapped block must be too.
  if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && prefixLength >= 96) {
    return [(network as ipaddr.IPv6).toIPv4Address(), prefixLength - 96];
  }
  return [network, prefixLength];
}
