module.exports = require('../../jest.preset.js').jestConfig(__dirname, { testTimeout: 120_000 });
