// Tests that need promtool/prometheus binaries (Debian's prometheus package); .ci/run installs it.
module.exports = {
  ...require('../../jest.preset.cjs'),
  testMatch: ['<rootDir>/test/**/*.tools.test.ts'],
  testPathIgnorePatterns: [],
  testTimeout: 120000,
};
