module.exports = { ...require('../../jest.preset.cjs'), setupFiles: ['<rootDir>/../shared/testing/setup-tfjs.cjs'] };
