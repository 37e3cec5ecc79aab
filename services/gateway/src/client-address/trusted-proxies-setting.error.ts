/** Raised when `FRM_TRUSTED_PROXIES` (or the gateway's `trustedProxies` option) names something that is neither an IP address nor a CIDR block. */
export class TrustedProxiesSettingError extends Error {
  override readonly name = 'TrustedProxiesSettingError';

  constructor(entry: string) {
    super(`FRM_TRUSTED_PROXIES: "${entry}" is neither an IP address nor a CIDR block; give e.g. 10.0.0.0/8,192.168.1.10,fd00::/8`);
  }
}
