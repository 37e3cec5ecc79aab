// Integration specs use the Postgres server of FRM_TEST_DATABASE_URL and an embedded PGlite; no broker.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, { testTimeout: 60_000 });
