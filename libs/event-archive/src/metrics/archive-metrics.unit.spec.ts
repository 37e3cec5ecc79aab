import { createMetricsRegistry } from '@frm/metrics';
import { registerArchiveMetrics } from './archive-metrics';

describe('archive metrics', () => {
  it('export the three ages at each scrape, +Inf for what never happened', async () => {
    const registry = createMetricsRegistry({ processMetrics: false });
    let calls = 0;
    registerArchiveMetrics(registry, () => {
      calls += 1;
      return { newestSnapshotSeconds: 120.5, newestSegmentSeconds: Infinity, caughtUpSeconds: 4 };
    });
    const text = await registry.metrics();
    expect(text).toContain('frm_backup_snapshot_age_seconds 120.5');
    expect(text).toContain('frm_backup_segment_age_seconds +Inf');
    expect(text).toContain('frm_backup_caught_up_age_seconds 4');
    expect(calls).toBe(1);
  });
});
