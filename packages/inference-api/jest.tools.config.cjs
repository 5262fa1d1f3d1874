// Tests that need the prometheus binary (Debian's prometheus package); .ci/run installs it.
module.exports = {
  ...require('./jest.config.cjs'),
  testMatch: ['<rootDir>/test/**/*.tools.test.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 120000,
};
