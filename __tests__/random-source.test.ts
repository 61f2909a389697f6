/**
 * Run ids, write ids and lock tokens come from the injected RandomSource (with the injected clock), not from
 * globals: a test that passes a seeded source and a fixed clock gets the same run id every time, with no
 * global mutation.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FsObjectStore } from '../src/store/fs-store.js'
import { Registry } from '../src/store/registry.js'
import { seededRandom } from '../src/util/random.js'
import { makeWorkspace, runCli, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

const NOW = new Date('2026-12-02T08:00:00Z')
const clock = { now: () => NOW }

test('seededRandom: the same seed gives the same hex and integers, in range; another seed differs', () => {
  const draw = (seed: number) => {
    const r = seededRandom(seed)
    return { hex: [r.hex(3), r.hex(8)], ints: Array.from({ length: 50 }, () => r.int(1, 30)) }
  }
  const a = draw(1)
  expect(draw(1)).toEqual(a)
  expect(draw(2)).not.toEqual(a)
  expect(a.hex[0]).toMatch(/^[0-9a-f]{6}$/)
  expect(a.hex[1]).toMatch(/^[0-9a-f]{16}$/)
  expect(Math.min(...a.ints)).toBeGreaterThanOrEqual(1)
  expect(Math.max(...a.ints)).toBeLessThan(30)
})

test("the registry's run ids are the clock's time and the source's bytes", async () => {
  const dir = await makeWorkspace()
  const registry = new Registry(new FsObjectStore(dir), clock, { random: seededRandom(3) })
  expect(registry.newRunId()).toBe(`20261202T080000Z-${seededRandom(3).hex(3)}`)
})

test('two CLI runs given the same clock and seeded source store the same run id', async () => {
  const ids: string[] = []
  for (let i = 0; i < 2; i++) {
    const root = await makeWorkspace()
    await writeModel(root, 'toy', SMALL_SPEC, { 'data.csv': syntheticCsv(200, 3) })
    const run = await runCli(root, ['run', '--json', 'r.json'], { clock, random: seededRandom(11) })
    expect(run.code).toBe(0)
    const result = JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')).models[0]
    await fs.access(path.join(root, '.modelgate', 'models', 'toy', 'runs', result.runId, 'manifest.json'))
    ids.push(result.runId)
  }
  expect(ids[0]).toMatch(/^20261202T080000Z-[0-9a-f]{6}$/)
  expect(ids[1]).toBe(ids[0])
})
