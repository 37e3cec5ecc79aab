import { existsSync } from 'node:fs';
import { testEventStore } from '@frm/testing';
import { openEventStoreDbEventStore } from '../src';
import { describeEventStoreContract } from '../src/testing';

// Jest collects tests synchronously, while testEventStore() is async: decide here whether a server
// can exist at all, and let testEventStore() pick the given server or start a container.
const givenServer = process.env['EVENTSTORE_CONNECTION_STRING'];
const dockerMayRun = Boolean(process.env['DOCKER_HOST']) || ['/var/run/docker.sock', '/run/docker.sock'].some(existsSync);

if (!givenServer && !dockerMayRun) {
  describe.skip('EventStoreDB contract — skipped: EVENTSTORE_CONNECTION_STRING is not set and no Docker engine runs here', () => {
    it('runs the EventStore contract suite against EventStoreDB', () => undefined);
  });
} else {
  // Starting a container may pull its image first.
  if (!givenServer) jest.setTimeout(180_000);

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
}
