import type { ModelSpec } from '../config/load-spec.js'
import { loadDataset, type Dataset } from '../data/dataset.js'
import { loadImageDataset } from '../data/images/image-dataset.js'
import { holdOutValidation } from '../data/validation-split.js'
import { fitPreprocessor, transform, type Preprocessor, type TransformNotes } from '../data/preprocess.js'
import type { TrainingData } from '../train/train.js'

/** The data stage's output: the dataset, the fitted preprocessing and the training matrix. */
export interface Prepared {
  dataset: Dataset
  preprocessor: Preprocessor
  training: TrainingData
  trainNotes: TransformNotes
}

/** Read and validate the data, fit preprocessing on the training rows only, build the training matrix. */
export async function prepareData(spec: ModelSpec): Promise<Prepared> {
  // Images come as a table of file/label rows with the pixels alongside: no features, an empty matrix.
  // A sweep trial trains without its validation rows (the spec says which); any other spec is unchanged.
  const dataset = holdOutValidation(
    spec,
    spec.data.type === 'images' ? await loadImageDataset(spec) : await loadDataset(spec),
  )
  const preprocessor = fitPreprocessor(dataset.train.table, dataset.train.rows, dataset.features, spec.data)
  const { x, n, d, notes } = transform(preprocessor, dataset.train.table, dataset.train.rows)
  return {
    dataset,
    preprocessor,
    training: { x, n, d, y: dataset.train.y, task: spec.task, classes: dataset.target.classes.length },
    trainNotes: notes,
  }
}
