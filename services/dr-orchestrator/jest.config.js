// Integration tests run on Postgres and PGlite; RepublishEvents sends to the real Kafka broker of the shared global set-up.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { kafka: true, testTimeout: 120_000 });
