/**
 * The layout of a stored run: the files every run holds besides its model, named once for the pipeline, the
 * report, deploy and serve.
 */

/** The spec file's bytes, as the run was made from them: what a later run diffs against and cross-fits. */
export const SPEC_RUN_FILE = 'spec.yml'

/** The run's HTML report (self-contained: opens from disk, loads nothing). */
export const RUN_REPORT_FILE = 'report.html'

/** The run's model card (Markdown). */
export const RUN_CARD_FILE = 'model-card.md'
