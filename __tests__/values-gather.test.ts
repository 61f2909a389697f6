import { gatherColumn, parseColumn, rememberParsedColumn } from '../src/data/values.js'

describe('gatherColumn', () => {
  it('gathers cells by index and carries the parse that parsing the gathered strings gives', () => {
    const source = ['1.5', '', 'abc', ' 2 ', 'inf', 'NA', '-3e2']
    parseColumn(source)
    const from = [6, 0, 0, 3, 2, 1, 4, 5]
    const gathered = gatherColumn(source, from)
    expect(gathered).toEqual(from.map((i) => source[i]))
    const carried = parseColumn(gathered)
    // A fresh copy of the strings has no cached parse: parseColumn classifies every cell again.
    const fresh = parseColumn([...gathered])
    expect(Array.from(carried.kind)).toEqual(Array.from(fresh.kind))
    expect(Array.from(carried.value)).toEqual(Array.from(fresh.value))
  })

  it('carries the cached parse rather than parsing the gathered strings again', () => {
    const source = ['1', '2', '3']
    // A parse recorded by the reader (as the CSV reader does) is what the gathered column gets.
    rememberParsedColumn(source, { value: Float64Array.of(10, 20, 30), kind: Uint8Array.of(0, 0, 0) })
    const gathered = gatherColumn(source, [2, 0])
    expect(Array.from(parseColumn(gathered).value)).toEqual([30, 10])
  })

  it('leaves a column without a cached parse to be parsed on first use', () => {
    const gathered = gatherColumn(['x', '4'], [1, 1, 0])
    expect(gathered).toEqual(['4', '4', 'x'])
    expect(Array.from(parseColumn(gathered).value)).toEqual([4, 4, Number.NaN])
  })
})
