import { randomUUID } from 'node:crypto';
import { InMemoryAuditLog } from '../store/in-memory-audit-log';
import type { AuditHead } from '../entry/audit-entry';
import { AuditHeadPublication } from './audit-head-publication';
import type { AuditHeadPublisher } from './audit-head-publisher.port';

/** A publisher whose publications finish only when the test lets them. */
class HeldPublisher implements AuditHeadPublisher {
  readonly published: AuditHead[] = [];
  readonly waiting: (() => void)[] = [];
  failNext = false;

  publish(head: AuditHead): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push(() => {
        if (this.failNext) {
          this.failNext = false;
          reject(new Error('broker unavailable'));
          return;
        }
        this.published.push(head);
        resolve();
      });
    });
  }

  releaseAll(): void {
    for (const release of this.waiting.splice(0)) release();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AuditHeadPublication', () => {
  const append = (log: InMemoryAuditLog) =>
    log.append({ entryId: randomUUID(), actorId: 'svc:compliance', action: 'export', target: { type: 'subject', id: randomUUID() }, reason: 'asked by the subject' });

  it('returns before the head is published, which follows', async () => {
    const log = new InMemoryAuditLog('platform');
    const publisher = new HeldPublisher();
    const publication = new AuditHeadPublication(log, publisher, () => undefined);
    const { entry } = await append(log);
    publication.request();
    await tick();
    expect(publisher.waiting).toHaveLength(1);
    expect(publisher.published).toEqual([]);
    publisher.releaseAll();
    await publication.settled();
    expect(publisher.published).toEqual([{ log: 'platform', sequence: 1, hash: entry.hash }]);
  });

  it('covers the appends made during a publication with one more publication, of the newest head', async () => {
    const log = new InMemoryAuditLog('platform');
    const publisher = new HeldPublisher();
    const publication = new AuditHeadPublication(log, publisher, () => undefined);
    await append(log);
    publication.request();
    await tick();
    let newest = (await append(log)).entry;
    publication.request();
    newest = (await append(log)).entry;
    publication.request();
    publisher.releaseAll();
    await tick();
    expect(publisher.waiting).toHaveLength(1);
    publisher.releaseAll();
    await publication.settled();
    expect(publisher.published.map((head) => head.sequence)).toEqual([1, 3]);
    expect(publisher.published.at(-1)).toEqual({ log: 'platform', sequence: 3, hash: newest.hash });
  });

  it('reports a failed publication, and publishes again at the next request', async () => {
    const log = new InMemoryAuditLog('platform');
    const publisher = new HeldPublisher();
    const failures: unknown[] = [];
    const publication = new AuditHeadPublication(log, publisher, (error) => failures.push(error));
    await append(log);
    publisher.failNext = true;
    publication.request();
    await tick();
    publisher.releaseAll();
    await publication.settled();
    expect(failures).toEqual([new Error('broker unavailable')]);
    expect(publisher.published).toEqual([]);
    await append(log);
    publication.request();
    await tick();
    publisher.releaseAll();
    await publication.settled();
    expect(publisher.published.map((head) => head.sequence)).toEqual([2]);
  });
});
