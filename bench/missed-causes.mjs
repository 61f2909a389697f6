/**
 * What the profiles found behind each target a workload can miss, keyed by workload id: BENCHMARKS.md prints the
 * entry under every row whose target this run missed, so a missed row always says why (or that nobody has
 * measured why yet). Each entry names the measurement it comes from; update it when a profile says otherwise.
 */
const CHAMPION_EXTRA_WORK =
  'The row’s own phase timings (notes column) show where the time goes beyond the peer’s work: explain (permutation importance of the challenger and of the champion, and drift against the champion’s profile) and compare (the gate’s statistics: DeLong, a paired bootstrap per gated metric and slice, cross-fitting when the spec changed) — the peer scores the champion and computes point metrics only, no interval, importance or drift. `explain: { importance: false }` in a spec removes most of explain.'

export const MISSED_CAUSES = {
  'logistic-synthetic':
    'Iterations, not time per iteration: the notes column gives the L-BFGS iterations of each side (modelgate stops on tol 1e-4 for the summed loss’s gradient, scikit-learn on its max |projected gradient|); wall time ÷ iterations is what to compare per step.',
  'ingest-flights-gzip':
    'zlib inflate, then the same CSV reader as the plain ingestion rows (their causes apply); the peer reads the uncompressed CSV.',
  'run-churn':
    'Peak RSS (time is met): permutation importance’s shuffled copies of the eval table. Measured with GNU time on the bundled CLI (`modelgate run models/churn`, two runs each): 152–154 MiB as shipped, 109–111 MiB with `explain: { importance: false }`.',
  'run-flights-champion': CHAMPION_EXTRA_WORK,
  'run-churn-champion': CHAMPION_EXTRA_WORK,
  'run-credit-champion': CHAMPION_EXTRA_WORK,
  'ingest-flights':
    'CPU profile of `readCsv` (issue 18): the scanning loop (about 50 ns per cell) and one JavaScript string per numeric cell, plus the GC they cause. A prototype that made no strings for numeric cells reached 2.05× on the mixed set, so ≤ 2× needs numeric columns parsed from the bytes into typed arrays (and categories dictionary-coded) in the raw table — a redesign of `RawTable` and its ~15 consumers, not started.',
  'ingest-mixed':
    'As for flights: the per-cell scanning loop and strings for numeric cells; categorical and repeated texts already share one string per distinct text (`src/data/field-dictionary.ts`). The no-numeric-strings prototype measured 2.05×.',
  'run-mixed':
    'CPU profiles of the whole CLI run (issue 18): data ≈ CSV reading (see the ingestion rows) and the dense 250k × 72 one-hot design matrix (115 MB, built before it is split); train ≈ half the JavaScript loops over the one-hot row indices (`glm-ones.ts`), half the dense kernels; explain ≈ permutation importance (0.5 s) plus the data profile and drift, which sort the same columns several times. scikit-learn passes a sparse one-hot matrix (9 non-zeros per row). Peak RSS: array buffers are 143–154 MiB at the peak, mostly that dense matrix.',
  'run-mixed-champion':
    'As without a champion, plus compare: 1,000 stratified bootstrap resamples for the non-AUC gated metrics on 50k eval rows (the gate’s evidence; the peer computes no interval).',
  'cnn-fashion':
    'Profile of 20 training steps (issue 13): Conv2DBackpropInput (tfjs-wasm’s kernel) 34%, Conv2DBackpropFilter (modelgate’s wasm kernel, `src/train/cnn/conv-filter-grad.ts`) 32%, MaxPoolGrad 13% of kernel time — plain loops against PyTorch’s oneDNN/GEMM kernels; building batch tensors is 0.01 s per epoch. tfjs’s wasm backend is single-threaded in Node, so the peer runs on 1 thread too.',
  'cold-start':
    'Not profiled yet: the Action entry loads the bundled dist/index.js (one bundle with chunks) before it reads the event.',
}

export function missedCause(workload) {
  return MISSED_CAUSES[workload] ?? 'cause not yet measured'
}
