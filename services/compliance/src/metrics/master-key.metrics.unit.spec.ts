import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger } from '@frm/logging';
import { createMetricsRegistry } from '@frm/metrics';
import { InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher } from '@frm/pii';
import { registerMasterKeyMetrics } from './master-key.metrics';

describe('registerMasterKeyMetrics', () => {
  const start = Date.parse('2026-01-01T00:00:00Z');
  let now = start;
  const keys = new InMemorySubjectKeyStore(() => new Date(now));
  const masterKeys = new LocalMasterKeys(randomBytes(32));
  const logger = createLogger({ service: 'compliance-test', level: 'silent' });
  afterEach(() => jest.restoreAllMocks());

  beforeAll(async () => {
    const cipher = new PiiCipher(keys, masterKeys);
    for (let i = 0; i < 2; i++) await cipher.encryptField(randomUUID(), 's', 'f', 'x');
  });

  it('ages the master key from when it came into use, without asking the key table again', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    await registerMasterKeyMetrics(registry, { keys, masterKeys, logger, now: () => now });
    const recorded = jest.spyOn(keys, 'recordMasterKeyVersion');

    now = start + 91 * 86_400_000 + 1_500;
    const text = await registry.metrics();

    expect(text).toContain(`frm_master_key_age_seconds ${91 * 86_400 + 1}\n`);
    expect(text).toContain(`frm_data_keys_by_master_version{version="${masterKeys.currentVersion}"} 2\n`);
    expect(recorded).not.toHaveBeenCalled();
  });

  it('keeps the last count when the key table does not answer, rather than failing the scrape', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    await registerMasterKeyMetrics(registry, { keys, masterKeys, logger, now: () => now });
    jest.spyOn(keys, 'countByMasterKeyVersion').mockRejectedValueOnce(new Error('connection refused'));

    expect(await registry.metrics()).toContain(`frm_data_keys_by_master_version{version="${masterKeys.currentVersion}"} 2\n`);
  });
});
