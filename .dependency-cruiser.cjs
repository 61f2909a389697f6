/**
 * The architecture, as a rule `npm run lint` enforces: src/ is a pipeline of folders, and a folder may import
 * only from the folders before it in LAYERS (and from itself). No import cycles at all, between files or folders.
 *
 *   leaf (errors, version, util, shared types) → config → data → train → evaluate → gate → store → pipeline
 *   → report → github → serve → action (with its deploy and bot modes) → cli → entry points (main.ts, index.ts)
 *
 * There is no list of tolerated exceptions: every import that breaks a rule fails the lint. When a module needs
 * something from a later layer, move the shared part into the earliest layer both may import (types/ for shared
 * types such as the metric catalogue or the run layout, util/ for helpers such as number formatting).
 */
const LAYERS = [
  ['src/errors\\.ts', 'src/version\\.ts', 'src/util/', 'src/types/'],
  ['src/config/'],
  ['src/data/'],
  ['src/train/'],
  ['src/evaluate/'],
  ['src/gate/'],
  ['src/store/'],
  ['src/pipeline/'],
  ['src/report/'],
  ['src/github/'],
  ['src/serve/'],
  // The Action with its modes: deploy / rollback and the PR bot run inside an Action session.
  ['src/action/', 'src/deploy/', 'src/bot/'],
  ['src/cli/', 'src/cli\\.ts', 'src/cli-commands\\.ts'],
  ['src/main\\.ts', 'src/index\\.ts', 'src/cli-entry\\.ts'],
]

const pattern = (paths) => `^(${paths.join('|')})`

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${i}-imports-later-layer`,
  comment: `${layer.join(', ')} may import only from earlier layers (see LAYERS in .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: pattern(layer) },
  to: { path: pattern(LAYERS.slice(i + 1).flat()) },
}))

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'Import cycles make the pipeline order meaningless: extract the shared part into a leaf module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'src-not-from-tests-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(__tests__|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
}
