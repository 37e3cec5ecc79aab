// Pure rules and a settings parser: no broker or database needed.
module.exports = require('../../jest.preset.js').jestConfig(__dirname);
