/**
 * The layout of a stored run: the files every run holds besides its model, named once for the pipeline, the
 * report, deploy and serve.
 */

/** The spec file's bytes, as the run was made from them: what a later run diffs against and cross-fits. */
export const SPEC_RUN_FILE = 'spec.yml'
