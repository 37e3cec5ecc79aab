import { testEventStore } from '@frm/testing';
import { openEventStoreDbEventStore } from '../src';
import { describeEventStoreContract } from '../src/testing';

// Runs only where jest.config.js found a server or a Docker engine; a container may pull its image first.
if (!process.env['EVENTSTORE_CONNECTION_STRING']) jest.setTimeout(180_000);

describeEventStoreContract('EventStoreDB', {
  async open() {
    const server = await testEventStore();
    // Docker seemed to be there but does not run containers: fail with the reason, never pass.
    if ('skipped' in server) throw new Error(server.skipped);
    const store = await openEventStoreDbEventStore(server.connectionString).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    return {
      store,
      // Streams have unique names per run; a container goes away with everything in it.
      async dispose() {
        await store.close();
        await server.stop();
      },
    };
  },
});
