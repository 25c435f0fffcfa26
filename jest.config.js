// One jest run covers every package, so the test command prints one summary.
module.exports = {
  projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/protos/jest.config.js'],
};
