import { InvalidSettingsError, loadSettings } from '@frm/config';
import { gatewaySettings } from './gateway.settings';

describe('FRM_TRUSTED_PROXIES', () => {
  it('trusts nobody when unset or empty', () => {
    expect(loadSettings(gatewaySettings, {}).FRM_TRUSTED_PROXIES).toBeUndefined();
    expect(loadSettings(gatewaySettings, { FRM_TRUSTED_PROXIES: ' ' }).FRM_TRUSTED_PROXIES).toBeUndefined();
  });

  it('takes IP addresses and CIDR blocks, IPv4 and IPv6, comma-separated', () => {
    const settings = loadSettings(gatewaySettings, { FRM_TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.10,fd00::/8,::1' });
    expect(settings.FRM_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', '::1']);
    expect(settings.describe()).toContain('FRM_TRUSTED_PROXIES=10.0.0.0/8,192.168.1.10,fd00::/8,::1');
  });

  it.each(['10.0.0.0/33', '10.0.0.0/8,,::1', 'proxy.internal', '10/8'])('refuses %j at start, naming the setting', (value) => {
    const load = () => loadSettings(gatewaySettings, { FRM_TRUSTED_PROXIES: value });
    expect(load).toThrow(InvalidSettingsError);
    expect(load).toThrow(/FRM_TRUSTED_PROXIES: expected IP addresses or CIDR blocks/);
  });
});

describe('the rate limits', () => {
  it('are 100 calls a minute per client address and 500 per user by default', () => {
    expect(loadSettings(gatewaySettings, {})).toMatchObject({ FRM_RATE_LIMIT_PER_IP: 100, FRM_RATE_LIMIT_PER_USER: 500, FRM_REDIS_URL: undefined });
  });

  it('take whole numbers, and refuse anything else naming the setting', () => {
    expect(loadSettings(gatewaySettings, { FRM_RATE_LIMIT_PER_IP: '30', FRM_RATE_LIMIT_PER_USER: '60' })).toMatchObject({ FRM_RATE_LIMIT_PER_IP: 30, FRM_RATE_LIMIT_PER_USER: 60 });
    expect(() => loadSettings(gatewaySettings, { FRM_RATE_LIMIT_PER_IP: '0' })).toThrow(/FRM_RATE_LIMIT_PER_IP: expected a whole number from 1/);
  });
});
