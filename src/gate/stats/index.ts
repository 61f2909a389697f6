/** Statistics for paired challenger-vs-champion comparisons. See each module for method and references. */
export { normalCdf, normalSf, normalQuantile, twoSidedNormalPValue, criticalValue } from './normal.js'
export { delongPaired, delongVariance, type DelongPairedResult, type DelongVarianceResult } from './delong.js'
export { mcnemarPaired, newcombePairedInterval, wilsonInterval, type McNemarResult } from './mcnemar.js'
export { exactMcNemarPValue, binomialPmf, binomialLowerTail } from './binomial.js'
export { pairedBootstrap, type BootstrapResult, type PairedBootstrapOptions } from './bootstrap.js'
export { holm, type HolmResult } from './holm.js'
export { halfWidth, detectableDrop, rowsNeeded } from './power.js'
export { argsortAscending } from './ranks.js'
