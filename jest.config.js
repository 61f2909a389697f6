/**
 * ESM + ts-jest, following actions/typescript-action. Type checking is `npm run build`'s job.
 * The default suite (`npm test`) stays fast; `__tests__/slow/` (Python peers, browser, CNN training) runs in
 * `npm run test:slow` (jest.slow.config.js), which CI also runs.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/slow/'],
  testTimeout: 120000,
  maxWorkers: 2,
}
