// The local-cluster test runs the services against the real Kafka broker of the shared global set-up.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { testTimeout: 240_000, kafka: true });
