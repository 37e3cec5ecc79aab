import { checkWebhookUrl, WebhookUrlRefusedError } from './webhook-url-policy';

const publicOnly = (addresses: Record<string, string[]> = {}) => ({
  allowPrivate: false,
  resolve: async (host: string) => addresses[host] ?? [],
});

describe('webhook URL policy', () => {
  it('accepts a public https URL, also by a name that resolves to public addresses only', async () => {
    expect((await checkWebhookUrl('https://93.184.215.14/hooks', publicOnly())).href).toBe('https://93.184.215.14/hooks');
    const policy = publicOnly({ 'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    expect((await checkWebhookUrl('http://hooks.example.com:8443/frm', policy)).port).toBe('8443');
  });

  it('refuses what is not http(s), or carries credentials, naming the rule', async () => {
    await expect(checkWebhookUrl('ftp://93.184.215.14/x', publicOnly())).rejects.toThrow('webhook URL must be http or https, not ftp');
    await expect(checkWebhookUrl('not a url', publicOnly())).rejects.toThrow(/is not a URL/);
    await expect(checkWebhookUrl('https://user:pw@93.184.215.14/', publicOnly())).rejects.toThrow(/credentials/);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/'],
    ['loopback', 'http://[::1]/'],
    ['private', 'http://10.1.2.3/'],
    ['private', 'http://192.168.0.10/'],
    ['linkLocal', 'http://169.254.169.254/latest/meta-data'],
    ['uniqueLocal', 'http://[fd00::1]/'],
    ['private', 'http://[::ffff:10.0.0.1]/'],
    ['unspecified', 'http://0.0.0.0/'],
  ])('refuses a %s address: %s', async (range, url) => {
    await expect(checkWebhookUrl(url, publicOnly())).rejects.toThrow(new RegExp(`a ${range} address`));
  });

  it('refuses a name when any of its addresses is private, or when it resolves to none', async () => {
    const policy = publicOnly({ 'mixed.example.com': ['93.184.215.14', '10.0.0.7'] });
    await expect(checkWebhookUrl('https://mixed.example.com/', policy)).rejects.toThrow('webhook host mixed.example.com resolves to 10.0.0.7, a private address');
    await expect(checkWebhookUrl('https://nowhere.example.com/', policy)).rejects.toThrow(WebhookUrlRefusedError);
  });

  it('lets private and loopback addresses through when FRM_WEBHOOK_ALLOW_PRIVATE is set', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:9000/hook', { allowPrivate: true })).host).toBe('127.0.0.1:9000');
  });

  it('resolves names with the system resolver by default', async () => {
    await expect(checkWebhookUrl('http://localhost:9000/', { allowPrivate: false })).rejects.toThrow(/localhost resolves to .*a loopback address/);
  });
});
