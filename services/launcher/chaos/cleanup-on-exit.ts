import type { LocalCluster } from './cluster/local-cluster';

/**
 * Kills what the run started however it ends: a normal exit, an uncaught error, Ctrl+C or SIGTERM.
 * (A SIGKILL runs nothing here; the cluster's watchdog covers that.)
 */
export class CleanupOnExit {
  private cluster: LocalCluster | undefined;

  constructor(log: (line: string) => void) {
    process.once('exit', () => this.cluster?.stopNow());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log(`${signal}: stopping every process this run started`);
        this.cluster?.stopNow();
        process.exit(130);
      });
    }
  }

  watch(cluster: LocalCluster): void {
    this.cluster = cluster;
  }

  /** Stops the cluster in order; keeps the service logs when the run failed. */
  async stop(failed: boolean, log: (line: string) => void): Promise<void> {
    const cluster = this.cluster;
    if (!cluster) return;
    this.cluster = undefined;
    try {
      // FRM_CHAOS_KEEP_DATA=1: a failed run leaves its database (stopped) for a look inside.
      await cluster.stop(failed, failed && process.env['FRM_CHAOS_KEEP_DATA'] === '1');
      if (failed) log(`service logs kept in ${cluster.logDir}`);
    } catch (error) {
      cluster.stopNow();
      log(`stopping the cluster failed (${String(error)}); killed what was left`);
    }
  }
}
