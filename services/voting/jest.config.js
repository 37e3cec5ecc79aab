// The local-cluster test runs voting against the real Kafka broker of the shared global set-up.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { kafka: true });
