// One jest set-up for every project: SWC compiles TypeScript (decorator metadata included, as NestJS
// needs it), tsconfig paths resolve through Nx's resolver, and integration tests that need the
// real Kafka broker share one started by libs/testing's global set-up.
const path = require('node:path');

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/**
 * @param {string} projectDir the project's folder (pass __dirname)
 * @param {{ kafka?: boolean, testTimeout?: number }} [options]
 */
function jestConfig(projectDir, options = {}) {
  const workspace = __dirname;
  return {
    displayName: path.basename(projectDir),
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.[tj]s$': ['@swc/jest', swcOptions] },
    resolver: '@nx/jest/plugins/resolver',
    moduleFileExtensions: ['ts', 'js', 'json'],
    testMatch: ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    testTimeout: options.testTimeout ?? 30_000,
    ...(options.kafka
      ? {
          globalSetup: path.join(workspace, 'libs/testing/src/kafka/jest-global-setup.ts'),
          globalTeardown: path.join(workspace, 'libs/testing/src/kafka/jest-global-teardown.ts'),
        }
      : {}),
  };
}

module.exports = { jestConfig, swcOptions };
