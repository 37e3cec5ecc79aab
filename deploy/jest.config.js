// Checks of what the platform ships for running it: alerting rules (promtool), dashboards, manifests.
module.exports = require('../jest.preset.js').jestConfig(__dirname, { testTimeout: 120_000 });
