/**
 * The limits that keep one model within a small runner: categories per column, epochs, layer widths,
 * parameter count and wall time. Each is refused with exit 2 and a message naming the limit and the key
 * that raises it; raising it lets the run through. Error messages quote data only as a short excerpt.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { parameterCount } from '../src/pipeline/limits.js'
import type { Clock } from '../src/util/clock.js'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

let root: string

beforeEach(async () => {
  root = await makeWorkspace()
})

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

async function lastError(args: string[], options: { clock?: Clock } = {}): Promise<string> {
  const out = await runCli(root, args, options)
  expect(out.code).toBe(2)
  return out.stderr.trim().split('\n').at(-1)!
}

/** A CSV whose `city` column has `distinct` different values. */
function manyCategories(rows: number, distinct: number): string {
  const lines = ['id,x1,city,label']
  for (let i = 0; i < rows; i++)
    lines.push(`r${i},${((i * 7919) % 100) / 50 - 1},c${i % distinct},${i % 3 ? 'yes' : 'no'}`)
  return `${lines.join('\n')}\n`
}

describe('categories per column', () => {
  test('50,000 categories are refused before one-hot encoding, naming data.max_categories', async () => {
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': manyCategories(50_000, 50_000) })
    expect(await lastError(['run'])).toMatch(
      /data\.csv: column "city" has more than data\.max_categories = 1000 distinct values in the training rows \(each would become one input\); raise data\.max_categories in the spec, exclude the column \(data\.exclude: it may be an id\), or declare it numeric \(data\.types\)$/,
    )
  })

  test('raising data.max_categories lets a 1,500-category column through', async () => {
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': manyCategories(3000, 1500) })
    expect(await lastError(['run'])).toContain('more than data.max_categories = 1000')
    await writeModel(root, 'toy', SMALL_SPEC.replace('  id: id\n', '  id: id\n  max_categories: 2000\n'), {})
    expect((await runCli(root, ['run'])).code).toBe(0)
  })
})

describe('model size', () => {
  const mlp = (model: string, limits = ''): string =>
    SMALL_SPEC.replace('  type: logistic\n', `  type: mlp\n${model}`) + limits

  test('epochs and layer widths over the limits are refused where training starts', async () => {
    await writeModel(root, 'toy', mlp('  epochs: 20000\n'), { 'data.csv': syntheticCsv(300, 2) })
    expect(await lastError(['run'])).toMatch(
      /modelgate\.yml: model\.epochs 20000 is over limits\.max_epochs 10000; lower it or raise limits\.max_epochs in the spec$/,
    )
    await writeModel(root, 'toy', mlp('  hidden: [8, 5000]\n'), {})
    expect(await lastError(['run'])).toMatch(
      /model\.hidden has a layer of 5000 units, over limits\.max_layer_width 4096; lower it or raise limits\.max_layer_width in the spec$/,
    )
    await writeModel(root, 'toy', mlp('  hidden: [4000, 4000]\n'), {})
    expect(await lastError(['run'])).toMatch(
      /the model would have 16,032,001 parameters \(5 inputs → 4000 → 4000 → 1\), over limits\.max_parameters 10,000,000; make it smaller or raise limits\.max_parameters in the spec$/,
    )
  })

  test('the parameter count is the limit, exactly: 6 parameters pass a limit of 6 and fail one of 5', async () => {
    expect(parameterCount(5, [], 1)).toBe(6)
    expect(parameterCount(5, [4000, 4000], 1)).toBe(5 * 4000 + 4000 + 4000 * 4000 + 4000 + 4000 + 1)
    await writeModel(root, 'toy', `${SMALL_SPEC}limits:\n  max_parameters: 5\n`, {
      'data.csv': syntheticCsv(300, 2),
    })
    expect(await lastError(['run'])).toContain('the model would have 6 parameters (5 inputs → 1)')
    await writeModel(root, 'toy', `${SMALL_SPEC}limits:\n  max_parameters: 6\n`, {})
    expect((await runCli(root, ['run'])).code).toBe(0)
  })
})

describe('wall time per model', () => {
  /** A clock that moves one second each time it is read: time passes with work, not with the scheduler. */
  function steppingClock(): Clock {
    let t = Date.parse('2026-12-01T12:00:00Z')
    return { now: () => new Date((t += 1000)) }
  }
  const slowMlp = SMALL_SPEC.replace(
    '  type: logistic\n',
    '  type: mlp\n  hidden: [4]\n  epochs: 500\n  early_stopping: false\n',
  )

  test('model.timeout_minutes stops training at the first check after the time is up, nothing stored', async () => {
    await writeModel(
      root,
      'toy',
      slowMlp.replace('  epochs: 500\n', '  epochs: 500\n  timeout_minutes: 0.05\n'),
      {
        'data.csv': syntheticCsv(300, 2),
      },
    )
    const store = await snapshot(path.join(root, '.modelgate'))
    const message = await lastError(['run', '--promote'], { clock: steppingClock() })
    expect(message).toMatch(
      /^modelgate: toy: stopped training after model\.timeout_minutes 0\.05 \(.*modelgate\.yml\); raise model\.timeout_minutes in the spec or pass --timeout-minutes, or make the model or data smaller$/,
    )
    expect(await snapshot(path.join(root, '.modelgate'))).toEqual(store)
  })

  test('--timeout-minutes sets it from the command line', async () => {
    await writeModel(root, 'toy', slowMlp, { 'data.csv': syntheticCsv(300, 2) })
    const message = await lastError(['run', '--timeout-minutes', '0.05'], { clock: steppingClock() })
    expect(message).toContain('toy: stopped training after model.timeout_minutes 0.05')
    expect(await lastError(['run', '--timeout-minutes', 'soon'])).toBe(
      'modelgate: --timeout-minutes "soon": expected a positive number of minutes',
    )
  })
})

describe('data values in error messages', () => {
  test('a 10,000-character cell is quoted as a 40-character excerpt', async () => {
    const lines = syntheticCsv(300, 9).split('\n')
    const cells = lines[17]!.split(',')
    cells[1] = `abc${'z'.repeat(10_000)}`
    lines[17] = cells.join(',')
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': lines.join('\n') })
    const message = await lastError(['run'])
    expect(message).toContain(`column "x1": "abc${'z'.repeat(37)}"… (10003 characters) is not a number`)
    expect(message.length).toBeLessThan(400)
  })
})
