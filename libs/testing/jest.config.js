// One worker: the restart test stops the shared broker, which would break Kafka tests running beside it.
module.exports = { ...require('../../jest.preset.js').jestConfig(__dirname, { kafka: true }), maxWorkers: 1 };
