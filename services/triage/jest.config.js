// Integration tests need Postgres (or run on PGlite), never Kafka: triage reads the event store's own subscription.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { testTimeout: 120_000 });
