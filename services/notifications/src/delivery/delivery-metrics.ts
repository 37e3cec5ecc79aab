import { Counter, type Registry } from '@frm/metrics';

/** Outcomes of delivery attempts by channel: `sent`, `failed` (to be retried), `dead`, `deferred`, `suppressed`. */
export class DeliveryMetrics {
  private readonly outcomes: Counter<'channel' | 'outcome'>;

  constructor(registry?: Registry) {
    this.outcomes = new Counter({
      name: 'frm_notification_deliveries_total',
      help: 'Delivery attempts of e-mail and webhooks by channel and outcome (failed: to be retried)',
      labelNames: ['channel', 'outcome'],
      registers: registry ? [registry] : [],
    });
  }

  count(channel: 'email' | 'webhook', outcome: 'sent' | 'failed' | 'dead' | 'deferred' | 'suppressed'): void {
    this.outcomes.inc({ channel, outcome });
  }

  /** The count so far, for tests and the benchmark. */
  async total(channel: 'email' | 'webhook', outcome: string): Promise<number> {
    const values = (await this.outcomes.get()).values;
    return values.filter((v) => v.labels['channel'] === channel && v.labels['outcome'] === outcome).reduce((sum, v) => sum + v.value, 0);
  }
}
