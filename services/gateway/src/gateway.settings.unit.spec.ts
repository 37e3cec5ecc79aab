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
