import { parseIpAddress } from './ip-address';
import type { TrustedProxies } from './trusted-proxies';

/**
 * The client's IP address. The socket peer's, unless the peer is a trusted proxy: then
 * `X-Forwarded-For` is walked from the right, each trusted hop passing the question on to the one
 * before it, and the first address not trusted is the client (the leftmost if every one is). Only
 * the hops a trusted proxy appended are believed: what the client wrote itself lies further left.
 * A malformed hop ends the walk at the last good address, as nothing left of it can be trusted.
 * IPv4-mapped IPv6 addresses come back as IPv4; `undefined` when the peer is unknown.
 */
export function clientAddressOf(
  peer: string | undefined,
  forwardedFor: string | readonly string[] | undefined,
  trustedProxies: TrustedProxies,
): string | undefined {
  let client = parseIpAddress(peer);
  if (client === undefined) return undefined;
  const hops = forwardedFor === undefined ? [] : [forwardedFor].flat().join(',').split(',');
  for (let index = hops.length - 1; index >= 0 && trustedProxies.trusts(client); index--) {
    const hop = parseIpAddress(hops[index]?.trim());
    if (hop === undefined) break;
    client = hop;
  }
  return client.toString();
}
