/**
 * The example comments in docs/examples/ (made by scripts/generate-examples.mjs from real runs of the example
 * models; __tests__/slow/examples.test.ts regenerates them and compares): one per verdict, each within
 * GitHub's comment limit, with the interval plot by the verdict, its charts collapsed, and every Mermaid
 * block accepted by mermaid's own parser.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { EXAMPLE_VERDICTS, EXAMPLES_DIR } from './helpers/examples.js'
import { mermaidBlocks, parseMermaid } from './helpers/mermaid.js'

const read = (file: string): Promise<string> => fs.readFile(path.join(EXAMPLES_DIR, file), 'utf8')

test.each(Object.entries(EXAMPLE_VERDICTS))(
  '%s shows the %s verdict, links and collapsed charts',
  async (file, verdict) => {
    const text = await read(file)
    expect(text).toMatch(/^<!-- modelgate:comment \{/)
    expect(text).toMatch(new RegExp(`\\n### \\S+ (churn|credit): ${verdict}\\n`))
    expect(text.length).toBeLessThan(65_536)
    expect(text).toMatch(
      /📄 \[full HTML report\]\(https:\/\/[^)]+\/report\.html\) · \[model card\]\(https:\/\/[^)]+\/model-card\.md\)/,
    )
    const charts = text.indexOf('<details><summary>Charts of ')
    expect(charts).toBeGreaterThan(0)
    expect(text.indexOf('```mermaid')).toBeGreaterThan(charts)
    // A comparison shows its interval plot before the collapsed charts; a first run has none.
    if (verdict === 'no-champion') expect(text).not.toContain('```text')
    else expect(text.indexOf('```text\n')).toBeLessThan(charts)
  },
)

test('every Mermaid block of every example parses with mermaid', async () => {
  const blocks = (await Promise.all(Object.keys(EXAMPLE_VERDICTS).map(read))).flatMap(mermaidBlocks)
  // ROC, PR, reliability and history for each comparison; no history for the first run.
  expect(blocks).toHaveLength(3 * 4 + 3)
  expect(await parseMermaid(blocks)).toEqual(blocks.map(() => ({ ok: true, type: 'xychart' })))
})
