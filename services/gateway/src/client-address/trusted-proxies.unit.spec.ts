import { parseIpAddress, type IpAddress } from './ip-address';
import { isTrustedProxyEntry, TrustedProxies } from './trusted-proxies';
import { TrustedProxiesSettingError } from './trusted-proxies-setting.error';

const ip = (text: string): IpAddress => parseIpAddress(text) as IpAddress;

describe('TrustedProxies', () => {
  it('trusts single addresses and CIDR blocks, IPv4 and IPv6', () => {
    const proxies = TrustedProxies.of(['192.168.1.10', '10.0.0.0/8', '2001:db8:1::/48', '::1']);
    for (const trusted of ['192.168.1.10', '10.255.0.1', '2001:db8:1:ffff::9', '::1']) expect(proxies.trusts(ip(trusted))).toBe(true);
    for (const untrusted of ['192.168.1.11', '11.0.0.1', '2001:db8:2::1', '::2']) expect(proxies.trusts(ip(untrusted))).toBe(false);
  });

  it('matches IPv4-mapped addresses and blocks as the IPv4 they carry', () => {
    expect(TrustedProxies.of(['10.0.0.0/8']).trusts(ip('::ffff:10.1.2.3'))).toBe(true);
    expect(TrustedProxies.of(['::ffff:10.0.0.0/104']).trusts(ip('10.1.2.3'))).toBe(true);
  });

  it('trusts nobody when empty, not even localhost', () => {
    expect(TrustedProxies.NONE.trusts(ip('127.0.0.1'))).toBe(false);
    expect(TrustedProxies.of([]).trusts(ip('::1'))).toBe(false);
  });

  it('trusts everyone with the catch-all blocks', () => {
    const everyone = TrustedProxies.of(['0.0.0.0/0', '::/0']);
    expect(everyone.trusts(ip('8.8.8.8')) && everyone.trusts(ip('2001:db8::1'))).toBe(true);
  });

  it.each(['10.0.0.0/33', '2001:db8::/129', '10/8', '10.0.0', '127.1', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/0x8', 'localhost', '[::1]', '', '1.2.3.4:80'])(
    'refuses %j, naming the setting',
    (entry) => {
      expect(isTrustedProxyEntry(entry)).toBe(false);
      expect(() => TrustedProxies.of(['10.0.0.1', entry])).toThrow(TrustedProxiesSettingError);
      expect(() => TrustedProxies.of([entry])).toThrow(/FRM_TRUSTED_PROXIES/);
    },
  );
});
