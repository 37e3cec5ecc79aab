import type { Logger } from '@frm/logging';
import { Gauge, type Registry } from '@frm/metrics';
import { masterKeyStatus, MASTER_KEY_ROTATION_DAYS, type MasterKeyProvider, type SubjectKeyStore } from '@frm/pii';

export interface MasterKeyMetricsSources {
  readonly keys: SubjectKeyStore;
  readonly masterKeys: MasterKeyProvider;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * `frm_master_key_age_seconds` and `frm_data_keys_by_master_version{version}`. When the current
 * master key came into use is read once, here (it never changes for a running process); the data
 * keys are counted at each scrape, and a failed count keeps the last one rather than failing the scrape.
 */
export async function registerMasterKeyMetrics(registry: Registry, sources: MasterKeyMetricsSources): Promise<void> {
  const now = sources.now ?? Date.now;
  const status = await masterKeyStatus(sources.keys, sources.masterKeys, new Date(now()));
  const inUseSince = status.createdAt.getTime();
  new Gauge({
    name: 'frm_master_key_age_seconds',
    help: `Seconds since the current master key came into use; the policy rotates it every ${MASTER_KEY_ROTATION_DAYS} days (frm keys rotate)`,
    registers: [registry],
    collect() {
      this.set(Math.max(0, Math.floor((now() - inUseSince) / 1000)));
    },
  });
  let counts = status.keysByVersion;
  new Gauge({
    name: 'frm_data_keys_by_master_version',
    help: 'Data keys by the master key version that wraps them; after a rotation only the current version has any',
    labelNames: ['version'],
    registers: [registry],
    async collect() {
      try {
        counts = await sources.keys.countByMasterKeyVersion();
      } catch (error) {
        sources.logger.warn({ err: error }, 'the data keys could not be counted for frm_data_keys_by_master_version; it shows the last count');
      }
      this.reset();
      for (const [version, keys] of counts) this.set({ version }, keys);
    },
  });
}
