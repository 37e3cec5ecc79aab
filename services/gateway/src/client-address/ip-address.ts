import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An IP address written as one (dotted-quad IPv4 or IPv6, no brackets, no port), with an
 * IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) turned into the IPv4 address it carries; `undefined`
 * for anything else. Stricter than ipaddr.js alone, which also reads `127.1` or `0x7f.0.0.1`.
 */
export function parseIpAddress(text: string | undefined): IpAddress | undefined {
  return text !== undefined && isIP(text) !== 0 ? ipaddr.process(text) : undefined;
}
