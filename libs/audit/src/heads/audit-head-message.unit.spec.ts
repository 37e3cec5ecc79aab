import { decodeAuditHead, encodeAuditHead } from './audit-head-message';
import { publishAuditHead, type AuditHeadPublisher } from './audit-head-publisher.port';
import { InMemoryAuditLog } from '../store/in-memory-audit-log';
import type { AuditHead } from '../entry/audit-entry';

describe('audit head messages', () => {
  const head = { log: 'platform', sequence: 42, hash: 'a1'.repeat(32) };

  it('carry the log, sequence and hash as JSON, and nothing else', () => {
    expect(JSON.parse(encodeAuditHead(head).toString())).toEqual(head);
    expect(decodeAuditHead(encodeAuditHead(head))).toEqual(head);
  });

  it.each([null, 'not json', '{"log":"platform","sequence":0,"hash":"' + 'a'.repeat(64) + '"}', '{"log":"platform","sequence":1,"hash":"XYZ"}', '[]'])(
    'are not taken from %j',
    (value) => {
      expect(decodeAuditHead(value === null ? null : Buffer.from(value))).toBeUndefined();
    },
  );

  it('are published for the current head, and not for an empty log', async () => {
    const published: AuditHead[] = [];
    const publisher: AuditHeadPublisher = { publish: async (h) => void published.push(h) };
    const log = new InMemoryAuditLog('platform');
    expect(await publishAuditHead(log, publisher)).toBeUndefined();
    const { entry } = await log.append({
      entryId: '0b7e6f4c-3c1d-4f9a-9a55-6f1f2b7c8d90',
      actorId: 'svc:compliance',
      action: 'key_rotation',
      target: { type: 'key', id: 'signal-hash-key' },
      reason: 'scheduled yearly rotation',
    });
    expect(await publishAuditHead(log, publisher)).toEqual({ log: 'platform', sequence: 1, hash: entry.hash });
    expect(published).toEqual([{ log: 'platform', sequence: 1, hash: entry.hash }]);
  });
});
