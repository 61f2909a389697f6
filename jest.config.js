/** ESM + ts-jest, following actions/typescript-action. Type checking is `npm run build`'s job. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 2,
}
