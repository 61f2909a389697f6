/**
 * models/fashion end to end (CNN training, about a minute or two): `modelgate run` trains the CNN on the
 * 6,000-image Fashion-MNIST subset, reaches 85% accuracy on the 1,000 eval images (and the spec's 0.80 floor, tested on the lower end of its interval), and is
 * promoted; a retrain with the same spec is gated against it on the same images; `predict` on the eval IDX file
 * answers for every image with the accuracy the run reported.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { makeWorkspace, runCli } from '../helpers/workspace.js'

const FASHION = path.resolve('models', 'fashion')

test('models/fashion trains to ≥ 85% eval accuracy, gates a retrain, and predicts the eval IDX file', async () => {
  const root = await makeWorkspace()
  const dir = path.join(root, 'models', 'fashion')
  await fs.mkdir(path.join(dir, 'data'), { recursive: true })
  await fs.copyFile(path.join(FASHION, 'modelgate.yml'), path.join(dir, 'modelgate.yml'))
  for (const file of await fs.readdir(path.join(FASHION, 'data')))
    await fs.copyFile(path.join(FASHION, 'data', file), path.join(dir, 'data', file))

  const first = await runCli(root, ['run', '--promote', '--json', 'first.json', '--report', 'first.md'])
  expect(first.code).toBe(0)
  const one = JSON.parse(await fs.readFile(path.join(root, 'first.json'), 'utf8')).models[0]
  const accuracy = one.challenger.metrics.accuracy as number
  expect(accuracy).toBeGreaterThanOrEqual(0.85)
  expect(one.data).toMatchObject({ trainRows: 6000, evalRows: 1000 })
  expect(one.promoted).toBe(true)
  expect(first.stderr).toMatch(/epoch 5\/5: loss/)
  const report = await fs.readFile(path.join(root, 'first.md'), 'utf8')
  expect(report).toContain('Misclassified eval images of fashion')

  const second = await runCli(root, ['run', '--json', 'second.json'])
  expect(second.code).toBeLessThan(2)
  const two = JSON.parse(await fs.readFile(path.join(root, 'second.json'), 'utf8')).models[0]
  expect(two.champion.runId).toBe(one.runId)
  // Same spec, same seed, same backend: the same weights, so the same predictions and a pass.
  expect(two.challenger.metrics.accuracy).toBe(accuracy)
  expect(two.verdict).toBe('pass')

  const predicted = await runCli(root, [
    'predict',
    '--model',
    'fashion',
    '--input',
    'models/fashion/data/eval-images.idx.gz',
    '--output',
    'eval.jsonl',
  ])
  expect(predicted.code).toBe(0)
  const lines = (await fs.readFile(path.join(root, 'eval.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { predicted_class: string })
  expect(lines).toHaveLength(1000)
  const labels = gunzipSync(await fs.readFile(path.join(dir, 'data', 'eval-labels.idx.gz'))).subarray(8)
  const classes = [
    't-shirt/top',
    'trouser',
    'pullover',
    'dress',
    'coat',
    'sandal',
    'shirt',
    'sneaker',
    'bag',
    'ankle boot',
  ]
  const correct = lines.filter((l, i) => l.predicted_class === classes[labels[i]!]).length
  expect(correct / 1000).toBeCloseTo(accuracy, 10)
})
