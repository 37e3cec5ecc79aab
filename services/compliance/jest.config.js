// The audit-head test publishes to the real Kafka broker of the shared global set-up.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { kafka: true });
