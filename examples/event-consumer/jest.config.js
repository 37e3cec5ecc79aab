module.exports = require('../../jest.preset.js').jestConfig(__dirname, { kafka: true, testTimeout: 120_000 });
