import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadSpec } from '../src/config/load-spec.js'
import { readCsv, rowLocation } from '../src/data/csv.js'
import { loadDataset, splitRows } from '../src/data/dataset.js'
import { fitPreprocessor, transform } from '../src/data/preprocess.js'
import { hashJoined, hashString } from '../src/data/values.js'
import { syntheticCsv } from './helpers/workspace.js'

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-data-'))
  const file = path.join(dir, name)
  await fs.writeFile(file, content)
  return file
}

describe('CSV reading', () => {
  it('handles a BOM, CRLF line ends, quoted commas, quotes and newlines, with correct line numbers', async () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",3\r\n2,"say ""hi""",4\r\n3,"two\nlines",5\r\n4,plain,6\r\n'
    const table = await readCsv([await tempFile('q.csv', text)])
    expect(table.header).toEqual(['a', 'b', 'c'])
    expect(table.columns[1]).toEqual(['x, y', 'say "hi"', 'two\nlines', 'plain'])
    expect(table.rowCount).toBe(4)
    // The 4th data row starts on line 6 because the 3rd spans two lines.
    expect(rowLocation(table, 3)).toBe('row 4 (line 6)')
    expect(rowLocation(table, 0)).toBe('row 1 (line 2)')
  })

  it('refuses files whose headers differ, naming both', async () => {
    const a = await tempFile('a.csv', 'x,y\n1,2\n')
    const b = await tempFile('b.csv', 'x,z\n1,2\n')
    await expect(readCsv([a, b])).rejects.toThrow(`${b}: line 1: the header differs from ${a}'s`)
  })

  it('refuses duplicate column names', async () => {
    await expect(readCsv([await tempFile('d.csv', 'x,x\n1,2\n')])).rejects.toThrow(
      'line 1: column "x" appears twice',
    )
  })
})

describe('the deterministic split', () => {
  async function specFor(csv: string, extra = ''): Promise<Awaited<ReturnType<typeof loadSpec>>> {
    const file = await tempFile('data.csv', csv)
    const yml = path.join(path.dirname(file), 'modelgate.yml')
    await fs.writeFile(
      yml,
      `task: binary\ndata:\n  train: data.csv\n  target: label\n${extra}model: { type: logistic }\n`,
    )
    return loadSpec(yml)
  }

  it('keeps every row on its side when unrelated rows are added or removed', async () => {
    const csv = syntheticCsv(2000, 3)
    const spec = await specFor(csv, '  id: id\n  split: { fraction: 0.25, seed: 5 }\n')
    const all = await readCsv(spec.trainFiles)
    const split = splitRows(spec, all)
    expect(split.eval.length / 2000).toBeGreaterThan(0.22)
    expect(split.eval.length / 2000).toBeLessThan(0.28)
    const evalIds = new Set(Array.from(split.eval, (r) => all.columns[0]![r]))
    // Drop every third row and append new ones: the survivors keep their side.
    const lines = csv.trim().split('\n')
    const extra = syntheticCsv(500, 99)
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^c/, 'n'))
    const changed = [lines[0], ...lines.slice(1).filter((_, i) => i % 3 !== 0), ...extra].join('\n')
    const spec2 = await specFor(changed, '  id: id\n  split: { fraction: 0.25, seed: 5 }\n')
    const table2 = await readCsv(spec2.trainFiles)
    const split2 = splitRows(spec2, table2)
    const side2 = new Map<string, boolean>()
    split2.eval.forEach((r) => side2.set(table2.columns[0]![r]!, true))
    split2.train.forEach((r) => side2.set(table2.columns[0]![r]!, false))
    for (const line of lines.slice(1).filter((_, i) => i % 3 !== 0)) {
      const id = line.split(',')[0]!
      expect(side2.get(id)).toBe(evalIds.has(id))
    }
  })

  it('a different seed gives a different split', async () => {
    const csv = syntheticCsv(500, 3)
    const a = splitRows(
      await specFor(csv, '  split: { seed: 1 }\n'),
      await readCsv([await tempFile('data.csv', csv)]),
    )
    const b = splitRows(
      await specFor(csv, '  split: { seed: 2 }\n'),
      await readCsv([await tempFile('data.csv', csv)]),
    )
    expect(Array.from(a.eval)).not.toEqual(Array.from(b.eval))
  })

  it('splits by the whole row exactly as hashing the row joined by U+001F (the join is never built)', async () => {
    const csv = 'a,b,c\n1,x,née\n2,,y\n3,z,日本\n,,\n'
    const table = await readCsv([await tempFile('j.csv', csv)])
    for (let r = 0; r < table.rowCount; r++)
      for (const seed of [0, 3])
        expect(hashJoined(table.columns, r, 0x1f, seed)).toBe(
          hashString(table.columns.map((c) => c[r]).join('\u001f'), seed),
        )
  })

  it.each([
    ['LF', '', '\n'],
    ['a BOM and CRLF', '\uFEFF', '\r\n'],
  ])(
    'explains an almost-numeric training column instead of silently treating it as categories (%s)',
    async (_, bom, end) => {
      const lines = syntheticCsv(400, 3).split('\n')
      for (let i = 1; i < lines.length - 1; i += 1)
        if (lines[i]!.startsWith('c7,')) lines[i] = lines[i]!.replace(/^c7,[^,]*/, 'c7,oops')
      const spec = await specFor(bom + lines.join(end), '  split: { fraction: 0.01, seed: 1 }\n')
      await expect(loadDataset(spec)).rejects.toThrow(
        /row 8 \(line 9\), column "x1": "oops" is not a number, but most of the column is numeric; fix the value or declare data\.types: \{ x1: categorical \}/,
      )
    },
  )
})

describe('preprocessing fitted on training rows', () => {
  it('imputes the training median, standardises with population sd, one-hots sorted categories, zeroes unseen ones', async () => {
    const csv = 'n,c,label\n1,b,yes\n,a,no\n3,b,yes\n10,,no\n'
    const table = await readCsv([await tempFile('p.csv', csv)])
    const rows = Uint32Array.from([0, 1, 2, 3])
    const pre = fitPreprocessor(
      table,
      rows,
      [
        { name: 'n', kind: 'numeric' },
        { name: 'c', kind: 'categorical' },
      ],
      {
        missing: { numeric: 'median', categorical: 'most_frequent' },
        unseen_category: 'zeros',
      },
    )
    const numeric = pre.features[0]!
    expect(numeric).toMatchObject({ kind: 'numeric', fill: 3 })
    // After imputation the column is [1, 3, 3, 10]: mean 4.25, population sd sqrt(11.6875).
    expect(numeric.kind === 'numeric' && numeric.mean).toBeCloseTo(4.25, 12)
    expect(numeric.kind === 'numeric' && numeric.scale).toBeCloseTo(Math.sqrt(11.6875), 12)
    expect(pre.features[1]).toEqual({ name: 'c', kind: 'categorical', fill: 'b', categories: ['a', 'b'] })
    expect(pre.outputColumns).toEqual(['n', 'c=a', 'c=b'])
    const scoring = await readCsv([await tempFile('s.csv', 'n,c,label\n5,zzz,yes\n')])
    const { x, notes } = transform(pre, scoring, Uint32Array.of(0))
    expect(Array.from(x)).toEqual([(5 - 4.25) / Math.sqrt(11.6875), 0, 0])
    expect(notes.unseen).toEqual({ c: 1 })
  })

  it('one-hots repeated texts by what each stands for: padded spellings, missing tokens (the fill), unseen values', async () => {
    const table = await readCsv([await tempFile('t.csv', 'c,label\nb,yes\na,no\nb,yes\n')])
    const pre = fitPreprocessor(table, Uint32Array.of(0, 1, 2), [{ name: 'c', kind: 'categorical' }], {
      missing: { numeric: 'median', categorical: 'most_frequent' },
      unseen_category: 'zeros',
    })
    const cells = ['b', ' b', 'NA', 'z', 'a', '', 'b ', 'NA', 'z', 'a', 'b']
    const scoring = await readCsv([
      await tempFile('u.csv', `c,label\n${cells.map((c) => `"${c}",yes`).join('\n')}\n`),
    ])
    const { x, notes } = transform(pre, scoring, Uint32Array.from(cells.keys()))
    // Columns c=a, c=b; a missing cell is the most frequent training category, b.
    const expected = { b: [0, 1], ' b': [0, 1], 'b ': [0, 1], NA: [0, 1], '': [0, 1], a: [1, 0], z: [0, 0] }
    expect(Array.from(x)).toEqual(cells.flatMap((c) => expected[c as keyof typeof expected]))
    expect(notes).toEqual({ imputed: { c: 3 }, unseen: { c: 2 } })
  })
})
