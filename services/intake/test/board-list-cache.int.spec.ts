import { randomUUID } from 'node:crypto';
import { frmV1 } from '@frm/contracts';
import { createMetricsRegistry, type Registry } from '@frm/metrics';
import { quoteIdent } from '@frm/postgres';
import { testRedisCacheStore, type TestRedisCacheStore } from '@frm/read-cache/testing';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { couple, productManager, startIntakeTestBed, type IntakeTestBed } from './support/intake-test-bed';

/**
 * Board lists come from Redis until the feature-request projection applies a batch: what a command
 * changed is on the next page read at once, and a page nobody changed is read from the cache.
 */
describe('board lists cached in Redis, invalidated by the projection', () => {
  let server: TestPostgres;
  let redisStore: TestRedisCacheStore;
  let registry: Registry;
  let bed: IntakeTestBed;
  let schemas: string[];
  beforeAll(async () => {
    server = await testPostgres({ prefix: 'intake_cache' });
    schemas = [`${server.schema}_events`, `${server.schema}_read_model`];
    redisStore = testRedisCacheStore();
    registry = createMetricsRegistry({ processMetrics: false });
    bed = await startIntakeTestBed(server.db, { eventStoreSchema: schemas[0], readModelSchema: schemas[1], cacheStore: redisStore.store, metricsRegistry: registry });
  });

  afterAll(async () => {
    await bed?.close();
    await redisStore?.close();
    if (server) {
      for (const schema of schemas) await server.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await server.cleanup();
    }
  });

  const counts = async () =>
    Object.fromEntries(
      ((await registry.getSingleMetric('frm_cache_requests_total')?.get())?.values ?? []).filter((v) => v.labels['cache'] === 'feature-request-lists').map((v) => [v.labels['outcome'], v.value]),
    );
  const newest = () => bed.client.call('listFeatureRequests', { sort: 'FEATURE_REQUEST_SORT_NEWEST' as never, pageSize: 5 }, couple());

  it('serves a repeated page from the cache, and a page changed by a command fresh at once', async () => {
    const author = couple();
    const first = await bed.client.call('submitFeatureRequest', { requestId: randomUUID(), title: 'Seating chart export', category: 'guest-management' }, author);
    const before = await counts();
    const page = await newest();
    expect(page.featureRequests.map((r) => r.id)).toEqual([first.id]);
    expect(await newest()).toEqual(page);
    expect(await counts()).toMatchObject({ miss: (before['miss'] ?? 0) + 1, hit: (before['hit'] ?? 0) + 1 });

    // The command returns once the projection applied it — and invalidated the lists.
    const second = await bed.client.call('submitFeatureRequest', { requestId: randomUUID(), title: 'Vendor payment reminders', category: 'payments' }, author);
    expect((await newest()).featureRequests.map((r) => r.id)).toEqual([second.id, first.id]);
    await bed.client.call('changeStatus', frmV1.ChangeStatusRequest.fromPartial({ featureRequestId: first.id, status: 'FEATURE_REQUEST_STATUS_UNDER_REVIEW' as never }), productManager());
    expect((await newest()).featureRequests.find((r) => r.id === first.id)?.status).toBe('FEATURE_REQUEST_STATUS_UNDER_REVIEW');
  });

  it('keeps bad input out of the cache: an invalid page token is INVALID_ARGUMENT every time', async () => {
    for (let i = 0; i < 2; i++) {
      const failure = await bed.client.failure('listFeatureRequests', { pageToken: 'not-a-token' }, couple());
      expect(failure.code).toBe(3);
    }
  });
});
