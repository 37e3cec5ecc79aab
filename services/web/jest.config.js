// Unit tests of the board's pure logic (tokens, errors, labels, URLs); the pages themselves are
// tested in a real browser against the real platform (services/launcher/test/board*.e2e.spec.ts).
module.exports = require('../../jest.preset.js').jestConfig(__dirname);
