/**
 * The PR comment and check run texts: the marker survives hostile workflow names, the hash follows what the
 * results say (not run ids or timings), and huge reports stay under GitHub's limits with every verdict line kept.
 */
import { promises as fs } from 'node:fs'
import { checkConclusion } from '../src/gate/outcome.js'
import { CHECK_SUMMARY_MAX_CHARS } from '../src/github/checks.js'
import { failingModels } from '../src/action/publish.js'
import {
  COMMENT_MAX_CHARS,
  commentBody,
  parseMarker,
  renderMarker,
  staleLinks,
  type CommentMarker,
  resultsHash,
} from '../src/github/comment.js'
import type { ModelResult } from '../src/pipeline/types.js'
import { renderReport } from '../src/report/markdown.js'
import { HEAD_SHA, MAIN_SHA, loadEvent, requiredOutput, runActionInProcess } from './helpers/action-runner.js'
import { makeWorkspace, SMALL_SPEC, syntheticCsv, writeModel } from './helpers/workspace.js'

/** GitHub's limit on issue comment bodies. */
const GITHUB_COMMENT_LIMIT = 65_536

let model: ModelResult

beforeAll(async () => {
  // A real result: one push run (no GitHub calls: comment never, checks false) and its results file.
  const workspace = await makeWorkspace()
  await writeModel(workspace, 'churn', SMALL_SPEC, { 'data.csv': syntheticCsv(400, 3) })
  const run = await runActionInProcess({
    workspace,
    apiUrl: 'http://127.0.0.1:9', // never called
    event: 'push',
    payload: await loadEvent('push'),
    sha: MAIN_SHA,
    ref: 'refs/heads/main',
    inputs: { comment: 'never', checks: 'false', 'github-token': '' },
  })
  expect(run.exitCode).toBe(0)
  model = JSON.parse(await fs.readFile(requiredOutput(run, 'results'), 'utf8')).models[0]
  await fs.rm(workspace, { recursive: true, force: true })
})

describe('the marker', () => {
  test('round-trips workflow names that would end an HTML comment, and only counts at the start of a body', () => {
    const marker = {
      v: 1 as const,
      workflow: 'evil --> <script>alert(1)</script>',
      models: ['a', 'b'],
      hash: '0123456789abcdef',
    }
    const text = renderMarker(marker)
    expect(text.indexOf('-->')).toBe(text.length - 3) // the only "-->" is the marker's own end
    expect(text).not.toContain('<script>')
    expect(parseMarker(`${text}\nbody`)).toEqual(marker)
    expect(parseMarker(`> ${text}\nquoted in a reply`)).toBeNull()
    expect(parseMarker('<!-- modelgate:comment {not json} -->')).toBeNull()
    expect(parseMarker(undefined)).toBeNull()
  })

  test('the results hash ignores run ids, timings and commits, and changes with a metric', () => {
    const rerun: ModelResult = {
      ...model,
      runId: 'other',
      timings: { total: 1 },
      challenger: { ...model.challenger, runId: 'other', commit: HEAD_SHA },
    }
    expect(resultsHash([rerun])).toBe(resultsHash([model]))
    const better: ModelResult = {
      ...model,
      challenger: { ...model.challenger, metrics: { ...model.challenger.metrics, roc_auc: 0.99 } },
    }
    expect(resultsHash([better])).not.toBe(resultsHash([model]))
    expect(resultsHash([{ ...model, verdict: 'fail' }])).not.toBe(resultsHash([model]))
  })

  test("the comment's marker hash ignores the report links (a new presigned URL each run is not a change)", () => {
    const signed = (sig: string): string =>
      commentBody([model], {
        workflow: 'modelgate',
        commit: HEAD_SHA,
        runUrl: null,
        toolVersion: '0.1.0',
        links: {
          [model.name]: {
            report: `https://s3.example.com/r/report.html?X-Amz-Expires=604800&X-Amz-Signature=${sig}`,
          },
        },
      })
    const [a, b] = [signed('aaaa'), signed('bbbb')]
    expect(a).toContain('X-Amz-Signature=aaaa')
    expect(b).toContain('X-Amz-Signature=bbbb')
    expect(parseMarker(a)!.hash).toBe(parseMarker(b)!.hash)
  })
})

describe('stale report links (comment: on-change)', () => {
  const marker = (linksExpire?: string): CommentMarker => ({
    v: 1,
    workflow: 'w',
    models: ['m'],
    hash: 'h',
    ...(linksExpire ? { linksExpire } : {}),
  })
  const now = new Date('2026-12-02T10:00:00Z')
  const fresh = marker('2026-12-02T12:00:00.000Z') // 120 minutes from now
  test('a comment without presigned links is never stale', () => {
    expect(staleLinks(marker(), fresh, now)).toBeNull()
  })
  test('stale once less than half a fresh link’s lifetime is left, or when expired', () => {
    expect(staleLinks(marker('2026-12-02T11:01:00.000Z'), fresh, now)).toBeNull()
    expect(staleLinks(marker('2026-12-02T10:59:00.000Z'), fresh, now)).toBe(
      'its report links expire at 2026-12-02T10:59:00.000Z',
    )
    expect(staleLinks(marker('2026-12-01T00:00:00.000Z'), marker(), now)).toBe(
      'its report links expire at 2026-12-01T00:00:00.000Z',
    )
  })
  test('an unreadable expiry is rewritten', () => {
    expect(staleLinks(marker('soon'), fresh, now)).toBe('its report links have an unreadable expiry')
  })
})

describe("GitHub's size limits", () => {
  // 40 models, each with 30 warnings of 1,000 characters: about 1.2 million characters of details.
  const many = (): ModelResult[] =>
    Array.from({ length: 40 }, (_, i) => ({
      ...model,
      name: `model-${String(i).padStart(2, '0')}`,
      verdict: i === 7 ? 'fail' : model.verdict,
      warnings: Array.from({ length: 30 }, (_, j) => `warning ${j}: ${'x'.repeat(990)}`),
    }))

  test('the comment stays under 65,536 characters and keeps every verdict line and the marker', () => {
    const models = many()
    const body = commentBody(models, {
      workflow: 'modelgate',
      commit: HEAD_SHA,
      runUrl: 'https://github.com/acme/churn-model/actions/runs/1',
      toolVersion: '0.1.0',
    })
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS)
    expect(body.length).toBeLessThan(GITHUB_COMMENT_LIMIT)
    expect(parseMarker(body)?.models).toHaveLength(40)
    for (const m of models)
      expect(body).toContain(
        `- **${m.name}**: ${m.name === 'model-07' ? '❌ fail' : '🆕 no-champion'} — ROC AUC`,
      )
    expect(body).toContain('Details were cut to stay within the size limit')
    expect(
      body
        .trimEnd()
        .endsWith(
          `results for ${HEAD_SHA.slice(0, 7)} · [workflow run](https://github.com/acme/churn-model/actions/runs/1)</sub>`,
        ),
    ).toBe(true)
  })

  test('a check run summary of one huge model stays under 65,535 characters', () => {
    const huge: ModelResult = {
      ...model,
      warnings: Array.from({ length: 200 }, (_, j) => `warning ${j}: ${'y'.repeat(990)}`),
    }
    const summary = renderReport([huge], {
      title: 'modelgate / churn',
      maxChars: CHECK_SUMMARY_MAX_CHARS - 500,
    })
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_MAX_CHARS)
    expect(summary).toContain('## modelgate / churn: 🆕 no-champion')
    expect(renderReport([huge]).length).toBeGreaterThan(CHECK_SUMMARY_MAX_CHARS) // the cut was needed
  })
})

describe('check run conclusions', () => {
  test('follow the verdict, with inconclusive failing only under fail-on: inconclusive', () => {
    expect(checkConclusion({ verdict: 'pass' }, 'fail')).toBe('success')
    expect(checkConclusion({ verdict: 'no-champion' }, 'fail')).toBe('success')
    expect(checkConclusion({ verdict: 'fail' }, 'never')).toBe('failure')
    expect(checkConclusion({ verdict: 'inconclusive' }, 'fail')).toBe('neutral')
    expect(checkConclusion({ verdict: 'inconclusive' }, 'inconclusive')).toBe('failure')
  })

  test("a spec's on_inconclusive reports an inconclusive verdict as pass or fail instead of neutral", () => {
    expect(checkConclusion({ verdict: 'inconclusive', onInconclusive: 'pass' }, 'inconclusive')).toBe(
      'success',
    )
    expect(checkConclusion({ verdict: 'inconclusive', onInconclusive: 'fail' }, 'fail')).toBe('failure')
    expect(checkConclusion({ verdict: 'inconclusive', onInconclusive: 'neutral' }, 'fail')).toBe('neutral')
    expect(checkConclusion({ verdict: 'fail', onInconclusive: 'pass' }, 'fail')).toBe('failure')
  })
})

describe('which models fail the step', () => {
  test('fail-on and on_inconclusive together', () => {
    const models = [
      { name: 'a', verdict: 'inconclusive' as const, onInconclusive: 'fail' as const },
      { name: 'b', verdict: 'inconclusive' as const, onInconclusive: 'neutral' as const },
      { name: 'c', verdict: 'inconclusive' as const, onInconclusive: 'pass' as const },
      { name: 'd', verdict: 'fail' as const, onInconclusive: 'pass' as const },
    ]
    expect(failingModels(models, 'fail')).toEqual(['a (inconclusive)', 'd (fail)'])
    expect(failingModels(models, 'inconclusive')).toEqual([
      'a (inconclusive)',
      'b (inconclusive)',
      'd (fail)',
    ])
    expect(failingModels(models, 'never')).toEqual([])
  })
})
