// The one jest preset: ESM TypeScript through ts-jest, tests under test/ mirroring src/.
module.exports = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // *.tools.test.ts need external binaries (promtool, prometheus): `pnpm test:tools`, run by .ci/run.
  testPathIgnorePatterns: ['\\.tools\\.test\\.ts$'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: { ignoreCodes: [151002] } }],
  },
  testTimeout: 30000,
};
