/**
 * A hostile data set: every column name, category value and class label is an injection attempt. It runs
 * through the real pipeline (CLI run twice, so there is a champion, slices and a confusion matrix), and every
 * Markdown surface (report, PR comment, job summary, check run summary, summary notes, deploy summary) is
 * rendered by a GFM renderer. Nothing that came from the data may become an element, a link, an image, a
 * mention, an issue reference or a comment; and every hostile string still reads as itself.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { marked } from 'marked'
import { createCheckRuns } from '../src/github/checks.js'
import { createGitHubClient } from '../src/github/client.js'
import { commentBody, upsertComment } from '../src/github/comment.js'
import { jobSummary, markdownNote, summaryNotes } from '../src/github/summary.js'
import type { ModelResult } from '../src/pipeline/types.js'
import { excerpt, htmlAttr, htmlText, mdCode, mdText } from '../src/report/escape.js'
import { renderReport } from '../src/report/markdown.js'
import { silentLogger } from '../src/util/logger.js'
import { startGitHubStandIn } from './harness/github-standin.js'
import { eventCall, HEAD_SHA, OWNER, REPO, runActionInProcess } from './helpers/action-runner.js'
import { makeWorkspace, runCli, writeModel } from './helpers/workspace.js'

const RUN_URL = 'https://github.com/acme/app/actions/runs/1'

/** Each one would be an element, a link, an image, a mention, a reference or hide the rest if unescaped. */
const ATTACKS = [
  '<img src=x onerror=alert(1)>',
  '[click](http://evil.example)',
  '@everyone',
  '</details>',
  '<!--',
  '`tick`|pipe',
  '![pic](http://evil.example/p.png)',
  'http://evil.example/auto',
  'www.evil.example',
  '#1 &lt;b&gt;',
  '<script>alert(2)</script>',
  '# heading',
]

function csvField(text: string): string {
  return `"${text.replace(/"/g, '""')}"`
}

/** Rows whose features carry signal, so the model trains; categories and labels are all attacks. */
function hostileCsv(rows: number): { csv: string; columns: Record<string, string> } {
  const columns = {
    x: '<img src=x onerror=alert(3)> [x](http://evil.example/col)',
    cat: '@everyone </details> <!--',
    target: '`label` | @here <b>t</b>',
  }
  const labels = ['<img src=x onerror=alert(4)>', '[yes](http://evil.example/label) @everyone']
  let s = 7
  const rand = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296
  const lines = [['id', columns.x, columns.cat, columns.target].map(csvField).join(',')]
  for (let i = 0; i < rows; i++) {
    const x = rand() * 4 - 2
    const category = ATTACKS[i % ATTACKS.length]!
    const label = rand() < 1 / (1 + Math.exp(-2 * x)) ? labels[1]! : labels[0]!
    lines.push([`r${i}`, x.toFixed(4), csvField(category), csvField(label)].join(','))
  }
  return { csv: `${lines.join('\n')}\n`, columns }
}

/** The HTML elements our own templates produce; anything else in the rendered output came from the data. */
const OUR_TAGS = new Set([
  'h2',
  'h3',
  'p',
  'ul',
  'li',
  'strong',
  'em',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'sub',
  'blockquote',
  'a',
])

/** What a reader sees: tags removed, entities decoded, the word joiners of the escaping removed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#96;/g, '`')
    .replace(/&amp;/g, '&')
}

function assertInert(markdown: string, options: { marker?: boolean } = {}): string {
  const html = marked.parse(markdown, { gfm: true, async: false })
  // Elements: only ours; links: only the workflow run; no images at all.
  const tags = [...html.matchAll(/<([A-Za-z][\w-]*)\b([^>]*)>/g)]
  for (const [whole, name, attributes] of tags) {
    expect({ tag: whole, allowed: OUR_TAGS.has(name!.toLowerCase()) }).toEqual({ tag: whole, allowed: true })
    if (name === 'a') expect(attributes).toBe(` href="${RUN_URL}"`)
    // Our fenced blocks: the interval plot (text) and the charts (mermaid).
    else if (name === 'code' && attributes) expect(attributes).toMatch(/^ class="language-(text|mermaid)"$/)
    else expect(attributes).toMatch(/^( align="(left|right|center)")?$/)
  }
  // <details> balanced: no "</details>" from the data closed one early.
  expect((html.match(/<details>/g) ?? []).length).toBe((html.match(/<\/details>/g) ?? []).length)
  // HTML comments: only the marker, at the very start, and closed on its own line.
  const comments = html.match(/<!--/g) ?? []
  expect(comments.length).toBe(options.marker ? 1 : 0)
  if (options.marker) expect(html).toMatch(/^<!-- modelgate:comment [^\n]* -->\n/)
  // Mentions, issue references and bare URLs that GitHub links by itself (never inside code spans).
  const linkable = visibleText(html.replace(/<code>[^<]*<\/code>/g, ' '))
  expect(linkable.match(/.{0,20}@[\p{L}\p{N}_-].{0,20}/u)).toBeNull()
  expect(linkable.match(/.{0,20}#\d.{0,20}/)).toBeNull()
  expect(linkable.match(/.{0,20}(https?:\/\/evil|www\.evil).{0,20}/)).toBeNull()
  return visibleText(html).replace(/\u2060/g, '')
}

let hostile: ModelResult
/** The hostile workspace, with a champion in its .modelgate store. */
let root: string

beforeAll(async () => {
  root = await makeWorkspace()
  const { csv, columns } = hostileCsv(600)
  const spec = `task: binary
data:
  train: data.csv
  target: ${JSON.stringify(columns.target)}
  id: id
  split: { fraction: 0.4, seed: 3 }
model:
  type: logistic
slices:
  columns: [${JSON.stringify(columns.cat)}]
  min_size: 10
  max_gap: { accuracy: 0.5 }
gate:
  metrics:
    roc_auc: { max_drop: 0.05 }
`
  await writeModel(root, 'hostile', spec, { 'data.csv': csv })
  const first = await runCli(root, ['run', '--promote'])
  expect(first.code).toBe(0)
  const second = await runCli(root, ['run', '--json', 'r.json'])
  expect(second.code).toBeLessThan(2)
  hostile = (JSON.parse(await fs.readFile(path.join(root, 'r.json'), 'utf8')) as { models: ModelResult[] })
    .models[0]!
  // A results file from a fork's run (report mode) is untrusted as a whole: the name and notes too.
  hostile = {
    ...hostile,
    name: '@everyone <img src=x onerror=alert(5)>',
    warnings: [...hostile.warnings, '<!-- hides everything after it', '[phish](http://evil.example/w)'],
  }
})

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

describe('a hostile data set in every Markdown surface', () => {
  test('the real pipeline put the hostile names and values into the results', () => {
    expect(hostile.gate?.comparisons.some((c) => c.scope.kind === 'slice')).toBe(true)
    expect(hostile.classLabels).toContain('<img src=x onerror=alert(4)>')
  })

  test('the report: no element, link, image or mention from the data, and each attack reads as itself', () => {
    const visible = assertInert(renderReport([hostile]))
    for (const attack of ATTACKS.filter((a) => !a.includes('&lt;'))) expect(visible).toContain(attack)
    expect(visible).toContain('true <img src=x onerror=alert(4)>')
    expect(visible).toContain('Run details of @everyone <img src=x onerror=alert(5)>')
    expect(visible).toContain('[phish](http://evil.example/w)')
  })

  test('the PR comment: the marker is the only comment and the footer survives an unterminated <!--', () => {
    const body = commentBody([hostile], {
      workflow: '<!-- @team/x [w](http://evil.example)',
      commit: 'abcdef1234567',
      runUrl: RUN_URL,
      toolVersion: '0.1.0 <img src=x>',
    })
    const visible = assertInert(body, { marker: true })
    expect(visible).toContain('workflow “<!-- @team/x [w](http://evil.example)”')
    expect(visible).toContain('modelgate 0.1.0 <img src=x>')
  })

  test('the job summary, a check run summary and the summary notes', () => {
    assertInert(jobSummary([hostile]))
    assertInert(renderReport([hostile], { title: 'modelgate / @everyone <b>x</b>' }))
    const error = 'GitHub API: HTTP 403 <img src=x> @octocat: `x`'
    const note = markdownNote`${error}: the PR comment was not posted. Grant \`pull-requests: write\`.`
    expect(note.plain).toBe(`${error}: the PR comment was not posted. Grant \`pull-requests: write\`.`)
    const quoted = markdownNote`${'> [a](http://evil.example)'}`
    const visible = assertInert(summaryNotes([note.markdown, quoted.markdown]))
    expect(visible).toMatch(/Grant +pull-requests: write +\./)
    expect(visible).toContain('<img src=x>')
  })
})

describe('through the GitHub API stand-in', () => {
  test('the posted comment and check run summary, read back from GitHub, are inert', async () => {
    const standIn = await startGitHubStandIn()
    try {
      const repo = standIn.state.addRepo({ owner: 'acme', name: 'app' })
      const pull = standIn.state.addPull(repo, { headRef: 'x', headSha: 'a'.repeat(40), author: 'mallory' })
      const octokit = createGitHubClient('ghs_injection_test_token', {
        baseUrl: standIn.url,
        logger: silentLogger,
      })
      const body = commentBody([hostile], {
        workflow: 'w',
        commit: 'a'.repeat(40),
        runUrl: RUN_URL,
        toolVersion: '0',
      })
      await upsertComment(octokit, { owner: 'acme', repo: 'app', issueNumber: pull.number }, body, {
        onlyIfChanged: false,
        now: new Date(0),
        logger: silentLogger,
      })
      await createCheckRuns(
        octokit,
        { owner: 'acme', repo: 'app', headSha: 'a'.repeat(40), detailsUrl: null, failOn: 'fail' },
        [hostile],
      )
      expect(standIn.state.comments).toHaveLength(1)
      assertInert(standIn.state.comments[0]!.body, { marker: true })
      expect(standIn.state.checkRuns).toHaveLength(1)
      assertInert(standIn.state.checkRuns[0]!.output.summary!)
      expect(standIn.violations).toEqual([])
    } finally {
      await standIn.stop()
    }
  })
})

describe('the Action on the hostile workspace', () => {
  test('its job summary, PR comment and check run are inert', async () => {
    const standIn = await startGitHubStandIn()
    try {
      const repo = standIn.state.addRepo({ owner: OWNER, name: REPO })
      standIn.state.addPull(repo, { headRef: 'feature/x', headSha: HEAD_SHA, author: 'mallory' })
      const run = await runActionInProcess(
        await eventCall('pull_request', { workspace: root, apiUrl: standIn.url }),
      )
      expect(run.exitCode).toBe(0)
      expect(run.summary).toContain('Slices of hostile')
      assertInert(run.summary)
      expect(standIn.state.comments).toHaveLength(1)
      // The footer links the workflow run of the runner's environment.
      const body = standIn.state.comments[0]!.body.replace(
        /\(https:\/\/github\.com\/[^)]*\/actions\/runs\/[^)]*\)/,
        `(${RUN_URL})`,
      )
      assertInert(body, { marker: true })
      expect(standIn.state.checkRuns).toHaveLength(1)
      assertInert(standIn.state.checkRuns[0]!.output.summary!)
      expect(standIn.violations).toEqual([])
    } finally {
      await standIn.stop()
    }
  })
})

describe('the escaping functions', () => {
  test('inline code keeps backticks and pipes literal', () => {
    expect(mdCode('a`b')).toBe('``a`b``')
    expect(mdCode('`x`')).toBe('`` `x` ``')
    expect(marked.parseInline(mdCode('<b>@x</b>'))).toBe('<code>&lt;b&gt;@x&lt;/b&gt;</code>')
  })

  test('HTML text and attributes encode every markup character', () => {
    expect(htmlText('<a href="x">&\'`')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#96;')
    expect(htmlAttr('" onmouseover="x')).toBe('&quot; onmouseover=&quot;x')
  })

  test('Markdown text is one line and leaves intraword underscores alone', () => {
    expect(mdText('a\nb\r\nc')).toBe('a b c')
    expect(mdText('is_active')).toBe('is_active')
    expect(mdText('_em_')).toBe('\\_em\\_')
    expect(marked.parseInline(mdText('1. **x** ~~y~~ $z$'))).toBe('1. **x** ~~y~~ $z$')
  })

  test('an error-message excerpt is short, quoted and shows control characters', () => {
    expect(excerpt('x'.repeat(100))).toBe(`"${'x'.repeat(40)}"… (100 characters)`)
    expect(excerpt('a\nb"')).toBe('"a\\nb\\""')
  })
})
