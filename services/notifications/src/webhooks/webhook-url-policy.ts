import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export class WebhookUrlRefusedError extends Error {
  override readonly name = 'WebhookUrlRefusedError';
}

export interface WebhookUrlPolicy {
  /** `FRM_WEBHOOK_ALLOW_PRIVATE=1`: tests and local development deliver to their own machine. */
  readonly allowPrivate: boolean;
  /** Resolves a host name to every address it has (default: the system resolver). */
  readonly resolve?: (host: string) => Promise<readonly string[]>;
}

/**
 * Checks a webhook URL before it is stored and again before each delivery (a name may resolve
 * elsewhere later): http or https only, no credentials in it, and unless private addresses are
 * allowed, every address the host resolves to must be a public unicast one — never loopback,
 * private, link-local (cloud metadata lives there), unique-local, multicast or reserved.
 * @returns the URL, normalised
 * @throws WebhookUrlRefusedError naming the rule it breaks
 */
export async function checkWebhookUrl(text: string, policy: WebhookUrlPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookUrlRefusedError(`webhook URL "${text}" is not a URL; give an absolute http(s) URL such as https://example.com/hooks/frm`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlRefusedError(`webhook URL must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new WebhookUrlRefusedError('webhook URL must not carry credentials; deliveries are signed with the webhook secret instead');
  }
  if (policy.allowPrivate) return url;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = ipaddr.isValid(host) ? [host] : await (policy.resolve ?? resolveAll)(host);
  if (addresses.length === 0) throw new WebhookUrlRefusedError(`webhook host ${host} does not resolve to any address`);
  for (const address of addresses) {
    const range = publicRangeOf(address);
    if (range !== 'unicast') {
      throw new WebhookUrlRefusedError(
        `webhook host ${host} resolves to ${address}, a ${range} address; webhooks go to public addresses only (FRM_WEBHOOK_ALLOW_PRIVATE=1 allows others, for development)`,
      );
    }
  }
  return url;
}

/** The address's range as ipaddr.js names it, IPv4-mapped IPv6 addresses judged as the IPv4 address they carry. */
function publicRangeOf(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().range();
  return parsed.range();
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch (error) {
    throw new WebhookUrlRefusedError(`webhook host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
