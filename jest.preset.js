// Shared by each package's jest.config.js: swc strips types (fast, no type-check: tsc does that
// in the build) and @skiff/* imports resolve to sources, so tests never need a prior build.
const path = require('node:path');

module.exports = function preset(packageDir) {
  return {
    displayName: path.basename(packageDir),
    rootDir: packageDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
    },
    moduleNameMapper: {
      '^@skiff/protos$': path.join(__dirname, 'protos/index.js'),
      '^@skiff/([a-z-]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    },
  };
};
