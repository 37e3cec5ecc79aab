const { existsSync } = require('node:fs');

// The EventStoreDB contract suite needs a server: the one in EVENTSTORE_CONNECTION_STRING, or a
// container that testcontainers starts where a Docker engine runs. Without either it is left out of
// the run (not counted as skipped or passed) and the reason is printed.
const eventStoreDbReachable =
  Boolean(process.env.EVENTSTORE_CONNECTION_STRING) ||
  Boolean(process.env.DOCKER_HOST) ||
  ['/var/run/docker.sock', '/run/docker.sock'].some((socket) => existsSync(socket));

if (!eventStoreDbReachable) {
  process.stderr.write(
    'event-store: the EventStoreDB contract suite is not run: EVENTSTORE_CONNECTION_STRING is not set and no Docker engine runs here ' +
      '(set it, e.g. esdb://127.0.0.1:2113?tls=false after docker compose up eventstore)\n',
  );
}

const config = require('../../jest.preset.js').jestConfig(__dirname);
module.exports = eventStoreDbReachable
  ? config
  : { ...config, testPathIgnorePatterns: [...config.testPathIgnorePatterns, 'eventstoredb-event-store\\.int\\.spec\\.ts$'] };
