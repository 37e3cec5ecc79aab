import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openPgliteDatabase } from '@frm/postgres';
import { waitUntil } from '@frm/testing';
import { startEmbeddedPlatform, type EmbeddedPlatform } from './support/embedded-platform';
import { runFrm } from './support/frm-cli';
import { GatewayUser } from './support/gateway-call';

const SECRET = randomBytes(32).toString('base64url');

/**
 * `frm projections rebuild` on the data `npm start` leaves behind: titles are stored encrypted with
 * their writers' keys, and the rebuilt board reads them decrypted as the live one did, with the
 * platform stopped (the key table is read directly with the embedded master key).
 */
describe('frm projections rebuild on the embedded data of a stopped platform', () => {
  let embedded: EmbeddedPlatform;

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform({ FRM_JWT_SECRET: SECRET });
    const couple = new GatewayUser(embedded.platform.gateway.address, SECRET, ['couple']);
    const submitted = await couple.call('submitFeatureRequest', { requestId: randomUUID(), title: 'Seating chart for 120 guests', description: 'Printable', category: 'guest-management' });
    await waitUntil('the board lists it', async () => ((await couple.call('getFeatureRequest', { featureRequestId: submitted['id'] as string }))['title'] as string) === 'Seating chart for 120 guests');
    await embedded.platform.close();
  });
  afterAll(async () => {
    const { rm } = await import('node:fs/promises');
    if (embedded) await rm(embedded.dataDir, { recursive: true, force: true });
  });

  it('rebuilds the board’s read model to the same rows, titles decrypted as before', async () => {
    const result = await runFrm(['projections', 'rebuild', 'feature_requests', '--json'], { FRM_DATA_DIR: embedded.dataDir, FRM_FREEZE_WEEKDAYS: 'none' });
    expect(result.stderr).not.toContain('frm:');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { checksumBefore: string; checksumAfter: string; eventsApplied: number };
    expect(report.eventsApplied).toBeGreaterThanOrEqual(1);
    expect(report.checksumAfter).toBe(report.checksumBefore);
    const db = await openPgliteDatabase({ dataDir: join(embedded.dataDir, 'pglite') });
    try {
      expect(await db.query(`select title from projection_feature_requests.feature_requests`)).toEqual([{ title: 'Seating chart for 120 guests' }]);
    } finally {
      await db.close();
    }
  });

});
