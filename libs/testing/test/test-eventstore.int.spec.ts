import { testEventStore } from '../src';

describe('testEventStore', () => {
  const given = process.env['EVENTSTORE_CONNECTION_STRING'];
  afterEach(() => {
    if (given === undefined) delete process.env['EVENTSTORE_CONNECTION_STRING'];
    else process.env['EVENTSTORE_CONNECTION_STRING'] = given;
  });

  it('uses the server named by EVENTSTORE_CONNECTION_STRING', async () => {
    process.env['EVENTSTORE_CONNECTION_STRING'] = 'esdb://eventstore.example:2113?tls=false';
    const store = await testEventStore();
    expect(store).toEqual({ connectionString: 'esdb://eventstore.example:2113?tls=false', stop: expect.any(Function) });
  });

  it('otherwise starts a container, or says quickly why it cannot', async () => {
    delete process.env['EVENTSTORE_CONNECTION_STRING'];
    const started = Date.now();
    const store = await testEventStore();
    if ('skipped' in store) {
      expect(store.skipped).toMatch(/Docker/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } else {
      expect(store.connectionString).toMatch(/^esdb:\/\/[^:]+:\d+\?tls=false$/);
      await store.stop();
    }
  }, 180_000);
});
