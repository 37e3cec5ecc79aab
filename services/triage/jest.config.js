// Pure domain code so far: no broker needed.
module.exports = require('../../jest.preset.js').jestConfig(__dirname);
