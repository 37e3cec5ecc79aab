import { randomBytes, randomUUID } from 'node:crypto';
import { openPostgresEventStore, type EventStore, type NewEvent, type RecordedEvent } from '@frm/event-store';
import { collectSubscription } from '@frm/event-store/testing';
import { testPostgres, type TestPostgres } from '@frm/testing';
import { ERASED, InMemorySubjectKeyStore, LocalMasterKeys, PiiCipher, TamperedFieldError, withPiiProtection, type PiiFieldMap } from '../src';

const SUBMITTED = 'test.RequestSubmitted';
const FIELDS: PiiFieldMap = { [SUBMITTED]: { subjectField: 'authorId', fields: ['title', 'description'] } };

const submitted = (authorId: string, title: string, description = 'Venues print it'): NewEvent => ({
  id: randomUUID(),
  type: SUBMITTED,
  data: { requestId: randomUUID(), authorId, title, description, category: 'guest-management' },
});

describe('an event store with personal data encrypted in it (server Postgres)', () => {
  let server: TestPostgres;
  let raw: EventStore;
  let protectedStore: EventStore;
  let cipher: PiiCipher;

  beforeAll(async () => {
    server = await testPostgres({ prefix: 'pii_es' });
    raw = await openPostgresEventStore(server.db, { schema: `${server.schema}_events` });
    cipher = new PiiCipher(new InMemorySubjectKeyStore(), new LocalMasterKeys(randomBytes(32)));
    protectedStore = withPiiProtection(raw, cipher, FIELDS);
  });
  afterAll(async () => {
    await raw?.close();
    await server?.db.exec(`drop schema if exists ${server.schema}_events cascade`);
    await server?.cleanup();
  });

  const stream = () => `request-${randomUUID()}`;

  it('stores only ciphertext and reads plaintext back, through a stream read, readAll and a subscription', async () => {
    const author = randomUUID();
    const id = stream();
    await protectedStore.appendToStream(id, [submitted(author, 'Seating plan MARKER-7f3a', 'Print MARKER-7f3a for the venue')], { expectedRevision: 'no_stream' });

    const [stored] = await raw.readStream(id);
    expect(JSON.stringify(stored?.data)).not.toContain('MARKER-7f3a');
    expect(stored?.data).toMatchObject({ authorId: author, category: 'guest-management', title: expect.stringMatching(/^pii:v1:/) });

    const [read] = await protectedStore.readStream(id);
    expect(read?.data).toMatchObject({ title: 'Seating plan MARKER-7f3a', description: 'Print MARKER-7f3a for the venue' });
    const all: RecordedEvent[] = [];
    for await (const page of protectedStore.readAll({ filter: { streamPrefixes: [id] } })) all.push(...page);
    expect(all.map((event) => event.data['title'])).toEqual(['Seating plan MARKER-7f3a']);
    const collected = collectSubscription(protectedStore, { filter: { streamPrefixes: [id] } });
    try {
      const delivered = await collected.until((events) => events.length >= 1);
      expect(delivered.map((event) => event.data['description'])).toEqual(['Print MARKER-7f3a for the venue']);
    } finally {
      await collected.subscription.stop();
    }
  });

  it('reads [erased] once the subject\'s key is erased, and leaves everyone else readable', async () => {
    const erased = randomUUID();
    const kept = randomUUID();
    const id = stream();
    await protectedStore.appendToStream(id, [submitted(erased, 'Mine'), submitted(kept, 'Theirs')], { expectedRevision: 'no_stream' });
    expect(await cipher.erase(erased)).toBe(true);
    const events = await protectedStore.readStream(id);
    expect(events.map((event) => [event.data['title'], event.data['description']])).toEqual([
      [ERASED, ERASED],
      ['Theirs', 'Venues print it'],
    ]);
    expect(events[0]?.data['authorId']).toBe(erased);
  });

  it('forgets a subject\'s cached key as soon as it reads the event that erases them, even when another process deleted the key', async () => {
    const keys = new InMemorySubjectKeyStore();
    const masterKeys = new LocalMasterKeys(randomBytes(32));
    const serviceCipher = new PiiCipher(keys, masterKeys, { cacheTtlMs: 3_600_000 });
    const erasedBy = { type: 'test.SubjectErased', subjectField: 'subjectId' };
    const service = withPiiProtection(raw, serviceCipher, FIELDS, erasedBy);
    const subject = randomUUID();
    const id = stream();
    await service.appendToStream(id, [submitted(subject, 'Cached')], { expectedRevision: 'no_stream' });
    expect((await service.readStream(id))[0]?.data['title']).toBe('Cached');

    await keys.delete(subject);
    // Still in this process's cache: nothing has told it yet.
    expect((await service.readStream(id))[0]?.data['title']).toBe('Cached');
    const erasure = `erasure-${randomUUID()}`;
    await raw.appendToStream(erasure, [{ id: randomUUID(), type: erasedBy.type, data: { subjectId: subject } }], { expectedRevision: 'no_stream' });
    await service.readStream(erasure);
    expect((await service.readStream(id))[0]?.data['title']).toBe(ERASED);
  });

  it('encrypts text that looks like ciphertext, so nobody can smuggle a value past it', async () => {
    const author = randomUUID();
    const id = stream();
    const lookalike = `pii:v1:${randomUUID()}:abcdefgh:${Buffer.alloc(40).toString('base64url')}`;
    await protectedStore.appendToStream(id, [submitted(author, lookalike)], { expectedRevision: 'no_stream' });
    expect((await protectedStore.readStream(id))[0]?.data['title']).toBe(lookalike);
  });

  it('refuses ciphertext moved to another stream', async () => {
    const author = randomUUID();
    const from = stream();
    await protectedStore.appendToStream(from, [submitted(author, 'Original')], { expectedRevision: 'no_stream' });
    const [stored] = await raw.readStream(from);
    const to = stream();
    await raw.appendToStream(to, [{ id: randomUUID(), type: SUBMITTED, data: { ...(stored?.data ?? {}) } }], { expectedRevision: 'no_stream' });
    await expect(protectedStore.readStream(to)).rejects.toThrow(TamperedFieldError);
  });

  it('refuses to append personal data without its subject, and passes other event types through untouched', async () => {
    await expect(protectedStore.appendToStream(stream(), [submitted('', 'No author')], { expectedRevision: 'no_stream' })).rejects.toThrow(/no subject in "authorId"/);
    const id = stream();
    await protectedStore.appendToStream(id, [{ id: randomUUID(), type: 'test.Other', data: { title: 'plain' } }], { expectedRevision: 'no_stream' });
    expect((await raw.readStream(id))[0]?.data['title']).toBe('plain');
  });
});
