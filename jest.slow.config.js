/** The slow suites (`npm run test:slow`): Python peers, the browser, CNN training. CI runs them after `npm test`. */
import base from './jest.config.js'

export default {
  ...base,
  testMatch: ['**/__tests__/slow/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 600000,
  maxWorkers: 1,
}
