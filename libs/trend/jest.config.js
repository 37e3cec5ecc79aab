// Pure arithmetic and settings: no database, no broker.
module.exports = require('../../jest.preset.js').jestConfig(__dirname);
