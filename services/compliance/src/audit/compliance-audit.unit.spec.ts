import { randomUUID } from 'node:crypto';
import { InMemoryAuditLog, type AuditHead, type AuditHeadPublisher } from '@frm/audit';
import type { Logger } from '@frm/logging';
import { ComplianceAudit } from './compliance-audit';

/** A publisher whose publications finish only when the test releases them. */
function heldPublisher(): AuditHeadPublisher & { published: AuditHead[]; release(): void } {
  const published: AuditHead[] = [];
  let releases: (() => void)[] = [];
  return {
    published,
    publish: (head) => new Promise<void>((resolve) => releases.push(() => (published.push(head), resolve()))),
    release() {
      const now = releases;
      releases = [];
      for (const release of now) release();
    },
  };
}

function warningsLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (...args: unknown[]) => void warnings.push(String(args.at(-1))) } as unknown as Logger & { warnings: string[] };
}

const act = () => ({ entryId: randomUUID(), actorId: randomUUID(), action: 'export' as const, target: { type: 'subject', id: randomUUID() }, reason: 'asked by the subject' });

describe('ComplianceAudit', () => {
  it('records an act without waiting for Kafka, and publishes its head before the service stops', async () => {
    const log = new InMemoryAuditLog('platform');
    const publisher = heldPublisher();
    const audit = new ComplianceAudit(log, warningsLogger(), publisher, 10_000);
    await audit.record(act());
    expect(await log.head()).toMatchObject({ sequence: 1 });
    expect(publisher.published).toEqual([]);
    const stopped = audit.onApplicationShutdown();
    await new Promise((resolve) => setImmediate(resolve));
    publisher.release();
    await stopped;
    expect(publisher.published).toEqual([{ log: 'platform', sequence: 1, hash: (await log.head())?.hash }]);
  });

  it('stops after its wait when the head cannot be published, and says so', async () => {
    const logger = warningsLogger();
    const audit = new ComplianceAudit(new InMemoryAuditLog('platform'), logger, heldPublisher(), 50);
    await audit.record(act());
    const started = performance.now();
    await audit.onApplicationShutdown();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(logger.warnings).toEqual([expect.stringMatching(/not published within 50 ms of stopping/)]);
  });
});
