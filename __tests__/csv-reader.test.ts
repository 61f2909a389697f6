import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { DEFAULT_CSV_LIMITS, readCsv, rowLocation } from '../src/data/csv.js'
import { CsvScanner } from '../src/data/csv-scan.js'
import { FieldDictionary } from '../src/data/field-dictionary.js'
import { classifyCell, parseColumn } from '../src/data/values.js'
import { Rng } from '../src/util/rng.js'
import { makeWorkspace, runCli, snapshot, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/**
 * The fast CSV scanner against csv-parse as the oracle (same records, same strings, on generated files with
 * every feature of RFC 4180), its numbers against the one definition of a cell (classifyCell), and the guards
 * of issue 10: invalid UTF-8, an unbalanced quote, the file-size and field-length limits.
 */

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'modelgate-csv-'))
  const file = path.join(dir, name)
  await fs.writeFile(file, content)
  return file
}

const PIECES = [
  '0',
  '12',
  '-3.5',
  '+7',
  '1e5',
  '.5',
  '5.',
  ' 8 ',
  'NA',
  '',
  'inf',
  '1e999',
  'x',
  'née',
  '日本',
  '0.1',
  '-0',
  // The same number spelled apart must stay apart (the scanner shares one string per spelling).
  '7',
  '007',
  '7.',
  '7.0',
  '-7',
  // pandas' missing tokens (values.ts).
  'null',
  'None',
  '#N/A',
  'nan',
  'N/A',
]

function field(rng: Rng): string {
  const r = rng.next()
  const base = PIECES[Math.floor(rng.next() * PIECES.length)]!
  if (r < 0.7) return base
  if (r < 0.8) return `"${base}"`
  if (r < 0.9) return `"${base},${base}"`
  if (r < 0.95) return `"say ""${base}"""`
  return `"two\nlines ${base}"`
}

function randomCsv(rng: Rng, rows: number, columns: number, crlf: boolean): string {
  const end = crlf ? '\r\n' : '\n'
  const lines = [Array.from({ length: columns }, (_, c) => `c${c}`).join(',')]
  for (let r = 0; r < rows; r++) {
    if (rng.next() < 0.03) lines.push('') // an empty line, skipped
    lines.push(Array.from({ length: columns }, () => field(rng)).join(','))
  }
  return (rng.next() < 0.3 ? '\uFEFF' : '') + lines.join(end) + (rng.next() < 0.8 ? end : '')
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: false, trim: false }

describe('the fast CSV scanner agrees with csv-parse', () => {
  it('gives the same header, fields and row count on 60 generated files (quotes, BOM, CRLF, multi-line, empty lines)', async () => {
    const rng = new Rng(18)
    for (let k = 0; k < 60; k++) {
      const text = randomCsv(
        rng,
        1 + Math.floor(rng.next() * 80),
        1 + Math.floor(rng.next() * 6),
        k % 2 === 1,
      )
      const expected: string[][] = parse(text, CSV_OPTIONS)
      const table = await readCsv([await tempFile('r.csv', text)])
      expect(table.header).toEqual(expected[0])
      expect(table.rowCount).toBe(expected.length - 1)
      const columns = expected[0]!.map((_, c) => expected.slice(1).map((row) => row[c]))
      expect(table.columns).toEqual(columns)
    }
  })

  it('reads each cell as the number classifyCell gives for its string', async () => {
    const rng = new Rng(5)
    const text = randomCsv(rng, 500, 5, false)
    const table = await readCsv([await tempFile('n.csv', text)])
    for (const values of table.columns) {
      const parsed = parseColumn(values)
      values.forEach((raw, i) => {
        const [kind, value] = classifyCell(raw)
        expect([parsed.kind[i], parsed.value[i]]).toEqual([kind, value])
      })
    }
  })

  it('gives the same records whether the text comes whole or in chunks cut after any line feed', () => {
    const rng = new Rng(9)
    const text = randomCsv(rng, 120, 4, false).replace(/^\uFEFF/, '')
    const whole = new CsvScanner({ maxFieldLength: 1000 })
    expect(whole.feed(text, true)).toBe(text.length)
    const cuts = [...text.matchAll(/\n/g)].map((m) => m.index + 1).filter((_, i) => i % 3 === 0)
    const chunked = new CsvScanner({ maxFieldLength: 1000 })
    let carry = ''
    let from = 0
    for (const [i, cut] of [...cuts, text.length].entries()) {
      const chunk = carry + text.slice(from, cut)
      const read = chunked.feed(chunk, i === cuts.length)
      expect(read).toBeGreaterThanOrEqual(0)
      carry = chunk.slice(read)
      from = cut
    }
    expect(chunked.result()).toEqual(whole.result())
  })

  it('numbers rows by the line they start on, across multi-line fields and skipped empty lines', async () => {
    const table = await readCsv([await tempFile('l.csv', 'a,b\n1,2\n\n3,"x\ny"\n4,5\n')])
    expect([0, 1, 2].map((r) => rowLocation(table, r))).toEqual([
      'row 1 (line 2)',
      'row 2 (line 4)',
      'row 3 (line 6)',
    ])
  })

  it('reads a column with more distinct texts than its dictionary holds (and repeats after it is full) as csv-parse does', async () => {
    const rng = new Rng(44)
    const lines = ['id,price,plan']
    for (let r = 0; r < 12000; r++) {
      const price = (rng.next() * 1000).toFixed(2)
      const plan = ['basic', 'premium', 'NA', '', 'family'][r % 5]!
      lines.push(`u${r % 7000},${r % 3 === 0 ? price : String(r % 5000)},${plan}`)
    }
    const text = lines.join('\r\n')
    const expected: string[][] = parse(text, CSV_OPTIONS)
    const table = await readCsv([await tempFile('d.csv', text)])
    expect(table.columns).toEqual(expected[0]!.map((_, c) => expected.slice(1).map((row) => row[c])))
    for (const values of table.columns) {
      const parsed = parseColumn(values)
      const expectedKinds = values.map((raw) => classifyCell(raw))
      expect(Array.from(parsed.kind)).toEqual(expectedKinds.map(([kind]) => kind))
      expect(Array.from(parsed.value)).toEqual(expectedKinds.map(([, value]) => value))
    }
  })

  it('finds a dictionary entry only by its characters, not by its hash alone', () => {
    const dictionary = new FieldDictionary()
    dictionary.add(7, 'ab', 2, Number.NaN)
    dictionary.add(7, 'cd', 0, 1)
    const source = 'xx,cd,ab,abc,a'
    expect(dictionary.find(7, source, 3, 5)).toBe(1) // cd
    expect(dictionary.find(7, source, 6, 8)).toBe(0) // ab
    expect(dictionary.find(7, source, 9, 12)).toBe(-1) // abc: same hash, another text
    expect(dictionary.find(7, source, 0, 2)).toBe(-1) // xx
    expect(dictionary.find(8, source, 6, 8)).toBe(-1) // ab under another hash: not what add stored
  })

  it('hands irregular quoting to csv-parse, whose message names the line', async () => {
    await expect(readCsv([await tempFile('q.csv', 'a,b\n1,x"y"\n')])).rejects.toThrow(/q\.csv: line 2: /)
  })
})

describe('bad bytes and oversized input (issue 10)', () => {
  it('refuses invalid UTF-8, naming the file, line and column, instead of reading U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,city\n1,Paris\n2,Mont'),
      Buffer.from([0xe9]),
      Buffer.from('limar\n'),
    ])
    const file = await tempFile('latin.csv', bytes)
    await expect(readCsv([file])).rejects.toThrow(
      `${file}: line 3, column 7: byte 0xE9 is not UTF-8; save the file as UTF-8`,
    )
  })

  it('decodes a declared latin1 file', async () => {
    const bytes = Buffer.concat([Buffer.from('id,city\n1,Mont'), Buffer.from([0xe9]), Buffer.from('limar\n')])
    const table = await readCsv([await tempFile('latin.csv', bytes)], {
      ...DEFAULT_CSV_LIMITS,
      encoding: 'latin1',
    })
    expect(table.columns[1]).toEqual(['Montélimar'])
  })

  it('reports an unbalanced quote on the line where it opens, not at the end of the file', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},v${i}`)
    rows[9] = '9,"broken'
    const file = await tempFile('u.csv', `id,v\n${rows.join('\n')}\n`)
    await expect(readCsv([file])).rejects.toThrow(
      `${file}: line 11: a quoted field opens here and is never closed`,
    )
  })

  it('refuses a file over the size limit, naming the limit and how to raise it', async () => {
    const file = await tempFile('big.csv', `a,b\n${'1,2\n'.repeat(1000)}`)
    await expect(readCsv([file], { ...DEFAULT_CSV_LIMITS, maxFileBytes: 1024 })).rejects.toThrow(
      `${file}: 0.0 MB is larger than the limit of 0.0 MB for a data file (data.max_file_mb in modelgate.yml raises it)`,
    )
  })

  it('refuses a field over the length limit with the default limits, and reads it when the limit is raised', async () => {
    const long = 'x'.repeat(DEFAULT_CSV_LIMITS.maxFieldLength + 1)
    const file = await tempFile('f.csv', `a,note\n1,ok\n2,${long}\n`)
    await expect(readCsv([file])).rejects.toThrow(
      `${file}: line 3, column "note": a field of 100,001 characters is longer than the limit of 100,000 (data.max_field_length in modelgate.yml)`,
    )
    const quoted = await tempFile('g.csv', `a,note\n1,"${long}"\n`)
    await expect(readCsv([quoted])).rejects.toThrow('line 2, column "note": a field of 100,001 characters')
    const raised = await readCsv([file], { ...DEFAULT_CSV_LIMITS, maxFieldLength: 200_000 })
    expect(raised.columns[1]![1]).toHaveLength(100_001)
  })
})

describe('the limits as a user sets them in modelgate.yml: exit 2, store unchanged', () => {
  async function run(
    spec: string,
    csv: string | Buffer,
  ): Promise<{ code: number; last: string; same: boolean }> {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(300, 9) })
    expect((await runCli(root, ['run', '--promote'])).code).toBe(0)
    const before = await snapshot(path.join(root, '.modelgate'))
    const dir = await writeModel(root, 'toy', spec, {})
    await fs.writeFile(path.join(dir, 'data.csv'), csv)
    const out = await runCli(root, ['run', '--promote'])
    const lines = out.stderr.trim().split('\n')
    return {
      code: out.code,
      last: lines[lines.length - 1]!,
      same: JSON.stringify(await snapshot(path.join(root, '.modelgate'))) === JSON.stringify(before),
    }
  }

  it('data.max_file_mb', async () => {
    const spec = SMALL_SPEC.replace('target: label', 'target: label\n  max_file_mb: 0.001')
    const out = await run(spec, syntheticCsv(300, 9))
    expect(out).toMatchObject({ code: 2, same: true })
    expect(out.last).toMatch(
      /data\.csv: 0\.0 MB is larger than the limit of 0\.0 MB for a data file \(data\.max_file_mb/,
    )
  })

  it('data.max_field_length', async () => {
    const spec = SMALL_SPEC.replace('target: label', 'target: label\n  max_field_length: 5')
    const out = await run(spec, syntheticCsv(300, 9))
    expect(out).toMatchObject({ code: 2, same: true })
    expect(out.last).toMatch(
      /data\.csv: line 2, column "x1": a field of \d+ characters is longer than the limit of 5 \(data\.max_field_length/,
    )
  })

  it('invalid UTF-8 in the data', async () => {
    const csv = Buffer.from(syntheticCsv(300, 9).replace('\n', '\n\u0000'), 'utf8')
    csv[csv.indexOf(0)] = 0xff
    const out = await run(SMALL_SPEC, csv)
    expect(out).toMatchObject({ code: 2, same: true })
    expect(out.last).toMatch(/data\.csv: line 2, column 1: byte 0xFF is not UTF-8/)
  })
})
