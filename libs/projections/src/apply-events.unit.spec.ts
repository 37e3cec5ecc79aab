import type { RecordedEvent } from '@frm/event-store';
import type { SqlQueryable } from '@frm/postgres';
import { applyEvents } from './apply-events';
import { EventApplyError } from './errors';
import type { ProjectionDefinition } from './projection';
import { projectionSchema } from './projection-schema';

const event = (id: string): RecordedEvent => ({
  id,
  type: 'Counted.Test',
  data: {},
  metadata: {},
  streamId: 's-1',
  revision: 0n,
  position: { commit: 1n, prepare: 1n },
  recordedAt: new Date(),
});

const projection = (handle: ProjectionDefinition['handle']): ProjectionDefinition => ({
  name: 'under_test',
  version: 1,
  eventTypePrefixes: [],
  schemaSql: () => [],
  handle,
});

const recorder = (failWith?: unknown) => {
  const statements: Array<{ sql: string; params: readonly unknown[] | undefined }> = [];
  const tx: SqlQueryable = {
    query: async <Row>(sql: string, params?: readonly unknown[]) => {
      statements.push({ sql, params });
      if (failWith && sql === 'fail') throw failWith;
      return [] as Row[];
    },
  };
  return { tx, statements };
};

describe('applyEvents', () => {
  it('runs every statement of every event in order', async () => {
    const { tx, statements } = recorder();
    const definition = projection((e) => [{ sql: `a ${e.id}`, params: [1] }, { sql: `b ${e.id}` }]);
    await applyEvents(tx, definition, projectionSchema('p'), [event('1'), event('2')]);
    expect(statements.map((s) => s.sql)).toEqual(['a 1', 'b 1', 'a 2', 'b 2']);
    expect(statements[1]?.params).toEqual([]);
  });

  it('pins a handler error on its event', async () => {
    const { tx } = recorder();
    const definition = projection((e) => {
      if (e.id === '2') throw new TypeError('bad data');
      return [];
    });
    const error = await applyEvents(tx, definition, projectionSchema('p'), [event('1'), event('2')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventApplyError);
    expect(error).toMatchObject({ projection: 'under_test', event: { id: '2' } });
    expect((error as Error).message).toContain('bad data');
  });

  it('pins a failing statement on its event', async () => {
    const { tx } = recorder(Object.assign(new Error('division by zero'), { code: '22012' }));
    const error = await applyEvents(tx, projection(() => [{ sql: 'fail' }]), projectionSchema('p'), [event('7')]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'EventApplyError', event: { id: '7' } });
  });

  it('passes a lost connection through untouched, since the event is not at fault', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    const { tx } = recorder(lost);
    await expect(applyEvents(tx, projection(() => [{ sql: 'fail' }]), projectionSchema('p'), [event('7')])).rejects.toBe(lost);
  });
});

describe('applyEvents with a batch handler', () => {
  const batched = (handleBatch: NonNullable<ProjectionDefinition['handleBatch']>, handle: ProjectionDefinition['handle'] = (e) => [{ sql: `one ${e.id}` }]) => ({
    ...projection(handle),
    handleBatch,
  });
  const events = ['1', '2', '3', '4'].map(event);

  it('applies the batch statements behind a savepoint instead of one statement per event', async () => {
    const { tx, statements } = recorder();
    await applyEvents(tx, batched((es) => [{ sql: `all ${es.map((e) => e.id).join(',')}` }]), projectionSchema('p'), events);
    expect(statements.map((s) => s.sql)).toEqual(['savepoint frm_projection_batch', 'all 1,2,3,4', 'release savepoint frm_projection_batch']);
  });

  it('goes one by one when the batch would save nothing', async () => {
    const { tx, statements } = recorder();
    await applyEvents(tx, batched((es) => es.map((e) => ({ sql: `same ${e.id}` }))), projectionSchema('p'), events);
    expect(statements.map((s) => s.sql)).toEqual(['one 1', 'one 2', 'one 3', 'one 4']);
  });

  it('rolls a failing batch back and applies event by event, so the error names the event at fault', async () => {
    const { tx, statements } = recorder(Object.assign(new Error('division by zero'), { code: '22012' }));
    const definition = batched(
      () => [{ sql: 'fail' }],
      (e) => [{ sql: e.id === '3' ? 'fail' : `one ${e.id}` }],
    );
    const error = await applyEvents(tx, definition, projectionSchema('p'), events).catch((e: unknown) => e);
    expect(statements.map((s) => s.sql)).toEqual(['savepoint frm_projection_batch', 'fail', 'rollback to savepoint frm_projection_batch', 'one 1', 'one 2', 'fail']);
    expect(error).toMatchObject({ name: 'EventApplyError', event: { id: '3' } });
  });

  it('passes a lost connection during the batch through untouched', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    const { tx, statements } = recorder(lost);
    await expect(applyEvents(tx, batched(() => [{ sql: 'fail' }]), projectionSchema('p'), events)).rejects.toBe(lost);
    expect(statements.map((s) => s.sql)).not.toContain('rollback to savepoint frm_projection_batch');
  });
});
