import { randomUUID } from 'node:crypto';
import { openPostgresEventStore, type EventStore, type JsonObject } from '@frm/event-store';
import { quoteIdent } from '@frm/postgres';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { StreamCommandRunner, type Decider, type StreamCodec } from '../src';

// A tiny aggregate: a tally that can be opened once and then increased, never past 3.
type Command = { kind: 'open' } | { kind: 'add'; by: number };
type Event = { type: 'Opened' } | { type: 'Added'; by: number };
type State = { open: boolean; total: number };

const decider: Decider<Command, State, Event> = {
  decide(command, state) {
    if (command.kind === 'open') return state.open ? [] : [{ type: 'Opened' }];
    if (!state.open) throw new Error('not open');
    if (state.total + command.by > 3) throw new Error('too much');
    return [{ type: 'Added', by: command.by }];
  },
  evolveAll(events, state = { open: false, total: 0 }) {
    return events.reduce((s, e) => (e.type === 'Opened' ? { ...s, open: true } : { ...s, total: s.total + e.by }), state);
  },
};

const codec: StreamCodec<Event> = {
  encode: (event): { type: string; data: JsonObject } => ({ type: `test.${event.type}`, data: event.type === 'Added' ? { by: event.by } : {} }),
  decode: (recorded) =>
    recorded.type === 'test.Opened' ? { type: 'Opened' } : recorded.type === 'test.Added' ? { type: 'Added', by: Number(recorded.data['by']) } : undefined,
};

describe('StreamCommandRunner on the Postgres event store', () => {
  let postgres: TestPostgres;
  let store: EventStore;
  let runner: StreamCommandRunner<Command, State, Event>;
  const schema = `runner_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    postgres = await testPostgres({ prefix: 'runner' });
    store = await openPostgresEventStore(postgres.db, { schema });
    runner = new StreamCommandRunner(store, decider, codec);
  });
  afterAll(async () => {
    await store.close();
    await postgres.db.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    await postgres.cleanup();
  });

  it('creates a stream in one append, and a retry of the same command appends nothing and gives the same outcome', async () => {
    const stream = `tally-${randomUUID()}`;
    const commandId = randomUUID();
    const first = await runner.execute(stream, commandId, 'someone', { kind: 'open' }, { expectNew: true });
    expect(first.state).toEqual({ open: true, total: 0 });
    const added = randomUUID();
    const once = await runner.execute(stream, added, 'someone', { kind: 'add', by: 2 });
    const again = await runner.execute(stream, added, 'someone', { kind: 'add', by: 2 });
    expect(again).toEqual(once);
    expect(await runner.load(stream)).toEqual({ open: true, total: 2 });
    const recorded = await store.readStream(stream);
    expect(recorded.map((event) => event.type)).toEqual(['test.Opened', 'test.Added']);
    expect(recorded[1]?.metadata).toMatchObject({ causationId: added, actor: 'someone' });
  });

  it('decides again when another writer came first, so a rule over the whole stream holds', async () => {
    const stream = `tally-${randomUUID()}`;
    await runner.execute(stream, randomUUID(), 'someone', { kind: 'open' });
    const outcomes = await Promise.allSettled(Array.from({ length: 3 }, () => runner.execute(stream, randomUUID(), 'someone', { kind: 'add', by: 2 })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(await runner.load(stream)).toEqual({ open: true, total: 2 });
  });

  it('appends nothing when the decision refuses, and falls back to reading when a new stream already exists', async () => {
    const stream = `tally-${randomUUID()}`;
    await expect(runner.execute(stream, randomUUID(), 'someone', { kind: 'add', by: 1 })).rejects.toThrow('not open');
    expect(await store.readStream(stream)).toEqual([]);
    await runner.execute(stream, randomUUID(), 'someone', { kind: 'open' });
    const reopened = await runner.execute(stream, randomUUID(), 'someone', { kind: 'open' }, { expectNew: true });
    expect(reopened.events).toEqual([]);
    expect(await store.readStream(stream)).toHaveLength(1);
  });
});
