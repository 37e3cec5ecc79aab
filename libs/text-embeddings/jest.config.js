// The integration spec loads the real model from node_modules (about 0.2 s): no broker needed.
module.exports = require('../../jest.preset.js').jestConfig(__dirname);
