const preset = require('../../jest.preset.js')(__dirname);

// fastify's inject (light-my-request) loads cookie@2, an ES module. Node 20.19+ loads it through
// require(esm), but jest's own module loader does not, so jest compiles that one package to
// CommonJS; skiffd itself never loads it (inject is for tests).
module.exports = {
  ...preset,
  transform: {
    ...preset.transform,
    '/node_modules/cookie/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
};
