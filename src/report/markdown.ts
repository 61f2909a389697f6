import { METRICS } from '../evaluate/metrics.js'
import type { MetricComparison } from '../gate/types.js'
import type { ModelResult, NotTrained } from '../pipeline/types.js'
import {
  int,
  interval,
  num,
  shortSha,
  signed,
  table,
  verdictLabel,
  VERDICT_ICON,
  worstVerdict,
} from './format.js'
import { chartsDetails, gatedIntervalPlot } from './chart-sections.js'
import { htmlText, mdCode, mdText, mdUrl } from './escape.js'
import { driftSection } from './drift-section.js'
import { explainSection } from './explain-section.js'
import { pValue } from '../gate/sentences.js'
import { misclassifiedSection } from './misclassified.js'

/**
 * The Markdown report: one line per model first (verdict, key metric, difference), then per model the
 * comparison table in plain words, then collapsible details. The same text serves the CLI, the PR comment,
 * the check run summary and the job summary; `maxDetailChars` trims details, never the verdict lines.
 */

const METHOD: Record<MetricComparison['method'], string> = {
  delong: 'DeLong',
  mcnemar: 'exact McNemar',
  bootstrap: 'paired bootstrap',
  crossfit: 'cross-fitting, Nadeau–Bengio t',
  'seed-mean': 'mean over seeds',
}

function label(metric: string): string {
  return METRICS[metric]?.label ?? metric
}

/** "ROC AUC 0.8432 → 0.8440 (+0.0008)" or the challenger's value alone without a champion. */
export function keyLine(result: ModelResult): string {
  const key = result.keyMetric
  const challenger = result.challenger.metrics[key]
  const overall = result.gate?.comparisons.find((c) => c.metric === key && c.scope.kind === 'overall')
  if (!result.champion || challenger === undefined) return `${label(key)} ${num(challenger)}`
  if (!overall) return `${label(key)} ${num(result.champion.metrics[key])} → ${num(challenger)}`
  // The values the difference was computed from: the eval split's, or the cross-fitted estimates (then the
  // eval-split values would not add up to the Δ shown beside them).
  const confidence = Math.round((result.gate?.confidence ?? 0.95) * 100)
  return `${label(key)} ${num(overall.champion)} → ${num(overall.challenger)} (Δ ${signed(overall.diff)}, ${confidence}% CI ${interval(overall.lower, overall.upper)})`
}

/**
 * For a model whose verdict is not fail although a gated metric shows it significantly worse than the
 * champion (its whole CI below 0): "significantly worse than the champion (ROC AUC Δ −0.0060, 95% CI
 * −0.0110 … −0.0010), but …". A reviewer must never read such a challenger as merely inconclusive. Null
 * otherwise.
 */
export function significantlyWorseText(result: ModelResult): string | null {
  const gate = result.gate
  if (!gate || result.verdict === 'fail') return null
  const gated = gate.comparisons.filter(
    (c) => c.scope.kind === 'overall' && c.verdict !== 'not-gated' && c.margin !== null,
  )
  const c =
    gated.find((x) => x.significantlyWorse && x.metric === result.keyMetric) ??
    gated.find((x) => x.significantlyWorse)
  if (!c) return null
  const allowed = `the allowed −${num(c.margin)} drop`
  const but =
    c.verdict === 'pass'
      ? `shown to be within ${allowed}`
      : c.diff < -c.margin!
        ? `not significant once all ${gate.family} gated tests are counted (Holm)`
        : `the estimated drop is within ${allowed} and the interval reaches past it`
  const ci = `${Math.round(gate.confidence * 100)}% CI ${interval(c.lower, c.upper)}`
  return `significantly worse than the champion (${c.label} Δ ${signed(c.diff)}, ${ci}), but ${but}`
}

/** What follows the verdict on a model's first line: the significantly-worse warning, else the key line. */
export function headline(result: ModelResult): string {
  const worse = significantlyWorseText(result)
  return worse ? `${worse}; ${keyLine(result)}` : keyLine(result)
}

export function summaryLines(results: ModelResult[]): string {
  return results.map((r) => `- **${mdText(r.name)}**: ${verdictLabel(r.verdict)} — ${headline(r)}`).join('\n')
}

function marginText(c: MetricComparison): string {
  const parts: string[] = []
  if (c.margin !== null) parts.push(`−${num(c.margin)}`)
  if (c.floor !== null) parts.push(`${c.higherIsBetter ? '≥' : '≤'} ${num(c.floor)}`)
  return parts.join(', ') || '—'
}

/**
 * The method, and for a verdict short of pass the one-sided p-value of the fail claim, naming its null
 * hypothesis: "not worse than the champion" for a drop test, "clears the floor" for a floor.
 */
function testText(c: MetricComparison): string {
  const p = c.pFailAdjusted ?? c.pFail
  if (p === null || c.verdict === 'pass' || c.verdict === 'not-gated') return METHOD[c.method]
  const h0 =
    c.margin !== null ? 'not worse than the champion' : `clears the ${c.higherIsBetter ? 'floor' : 'ceiling'}`
  return `${METHOD[c.method]}, one-sided ${pValue(p)}${c.pFailAdjusted !== null ? ' after Holm' : ''} (H₀: ${h0})`
}

function comparisonTable(result: ModelResult, comparisons: MetricComparison[], confidence: number): string {
  const rows = comparisons.map((c) => [
    c.label,
    num(c.champion),
    num(c.challenger),
    `${signed(c.diff)} (${interval(c.lower, c.upper)})`,
    marginText(c),
    testText(c),
    verdictLabel(c.verdict),
  ])
  const reported = result.metricNames.filter((m) => !comparisons.some((c) => c.metric === m))
  for (const m of reported) {
    rows.push([
      label(m),
      num(result.champion?.metrics[m]),
      num(result.challenger.metrics[m]),
      signed(
        ((result.challenger.metrics[m] ?? NaN) - (result.champion?.metrics[m] ?? NaN)) *
          (METRICS[m]?.higherIsBetter === false ? -1 : 1),
      ),
      '—',
      '—',
      'reported',
    ])
  }
  return table(
    [
      'metric',
      'champion',
      'challenger',
      `Δ (${Math.round(confidence * 100)}% CI, + = better)`,
      'margin',
      'test',
      'verdict',
    ],
    rows,
  )
}

/**
 * What the numbers of each gated drop test mean, for THIS pair of models (the standard error belongs to the
 * pair: a challenger that ranks rows differently from the champion has a larger one). Row counts are sized
 * for 9 decisions in 10 and only printed where the test is undecided, with what would settle it.
 */
function resolutionLines(comparisons: MetricComparison[]): string[] {
  return comparisons
    .filter((c) => c.margin !== null)
    .map((c) => {
      const base =
        c.method === 'crossfit'
          ? `${c.label}: for these two specs retrained on the folds of all ${int(c.n)} labelled rows the CI is ±${num(c.halfWidth)}; a true drop of ${num(c.detectableDrop)} would fail 9 times in 10 at this standard error`
          : c.method === 'seed-mean'
            ? `${c.label}: for the seeds' mean against the champion on these rows the CI is ±${num(c.halfWidth)}; a true drop of ${num(c.detectableDrop)} would fail 9 times in 10 at this standard error`
            : `${c.label}: for this pair of models on these rows the CI is ±${num(c.halfWidth)}; a true drop of ${num(c.detectableDrop)} would fail 9 times in 10 at this pair's standard error`
      if (c.verdict !== 'inconclusive') return `${base}.`
      if (c.method === 'seed-mean')
        return `${base}. What would settle it: more seeds if the seeds disagree, more eval rows if each seed's own interval is wide.`
      if (c.method === 'crossfit')
        return `${base}. What would settle it: more labelled rows, or more cross-fitting repetitions (gate.crossfit.repeats) if the folds disagree by chance, or more seeds per fold (gate.crossfit.seeds) if the model's fits vary by seed.`
      const settle: string[] = []
      if (c.settleRows !== null) {
        const way = c.diff > -c.margin! ? 'show it within the margin' : 'show it beyond the margin'
        settle.push(
          `If the true Δ is the estimate ${signed(c.diff)}, about ${int(c.settleRows)} eval rows would ${way} 9 times in 10`,
        )
      } else
        settle.push(
          `The estimate ${signed(c.diff)} sits on the margin: no eval set size settles it; a retrain or a spec change that moves the estimate would`,
        )
      if (c.rowsNeeded !== null)
        settle.push(
          `a challenger truly as good as the champion would pass 9 times in 10 with about ${int(c.rowsNeeded)} eval rows (at this pair's variability)`,
        )
      return `${base}. What would settle it: ${settle.join('; ')}.`
    })
}

/** "Positive class: "yes" (data.positive_class)." — every binary report names it; an inferred one says so. */
function positiveLine(result: ModelResult): string {
  const positive = result.dataNotes?.positiveClass
  if (!positive) return ''
  return positive.inferred
    ? ` Positive class: ${mdCode(positive.label)} (inferred, not set in the spec).`
    : ` Positive class: ${mdCode(positive.label)} (data.positive_class).`
}

/** The challenger's own metrics per slice, for a run with nothing to compare them with. */
function challengerSliceTable(result: ModelResult): string | null {
  const slices = result.challengerSlices
  if (!slices || slices.length === 0) return null
  const rows = slices.map((s) => [
    `${s.column}=${s.value}`,
    int(s.n),
    ...result.metricNames.map((m) => num(s.metrics[m])),
  ])
  return `Challenger by slice (no champion to compare with yet):\n\n${table(['slice', 'rows', ...result.metricNames.map(label)], rows)}`
}

/** What changed against the champion besides the numbers: spec keys and uncommitted work. */
function changesLines(result: ModelResult): string | null {
  const changes = result.changes
  const lines: string[] = []
  if (changes) {
    if (changes.spec === null) lines.push(`Spec changes: unknown (${changes.specNote ?? 'no stored spec'}).`)
    else if (changes.spec.length === 0)
      lines.push("Spec changes: none (the challenger's spec is the champion's).")
    else
      lines.push(`Spec changes since the champion:\n${changes.spec.map((c) => `- ${mdCode(c)}`).join('\n')}`)
  }
  if (result.dirty)
    lines.push(
      `⚠️ The working tree had uncommitted changes, so commit ${shortSha(result.challenger.commit)} does not fully describe this challenger.`,
    )
  return lines.length ? lines.join('\n\n') : null
}

/** Gated slice tests that failed or are undecided: shown outside any collapsed section. */
function sliceFindings(result: ModelResult): string | null {
  const slices =
    result.gate?.comparisons.filter(
      (c) => c.scope.kind === 'slice' && (c.verdict === 'fail' || c.verdict === 'inconclusive'),
    ) ?? []
  const gaps = result.gate?.gaps.filter((g) => g.verdict !== 'pass') ?? []
  if (slices.length === 0 && gaps.length === 0) return null
  return [
    ...slices.map((c) => `- ${VERDICT_ICON[c.verdict]} ${mdText(c.sentence)}`),
    ...gaps.map((g) => `- ${VERDICT_ICON[g.verdict]} ${mdText(g.sentence)}`),
  ].join('\n')
}

/** Links to a run's stored documents (the HTML report, the model card), when the caller could make them. */
export interface DocumentLinks {
  report?: string
  card?: string
}

function linksLine(links: DocumentLinks | undefined): string | null {
  if (!links) return null
  const parts = [
    ['full HTML report', links.report],
    ['model card', links.card],
  ].flatMap(([text, url]) => {
    const target = url ? mdUrl(url) : null
    return target ? [`[${text}](${target})`] : []
  })
  return parts.length ? `📄 ${parts.join(' · ')}` : null
}

function modelSection(result: ModelResult, links?: DocumentLinks): string {
  const out: string[] = [`### ${VERDICT_ICON[result.verdict]} ${mdText(result.name)}: ${result.verdict}`]
  const linked = linksLine(links)
  if (linked) out.push(linked)
  const evalLine = `Eval: ${int(result.data.evalRows)} rows (${mdText(result.data.evalSource)}); trained on ${int(result.data.trainRows)} rows.${positiveLine(result)}`
  if (!result.champion || !result.gate) {
    out.push(
      result.championNote
        ? `The champion could not be compared: ${mdText(result.championNote)}`
        : 'No champion yet: this run can become the first one.',
    )
    out.push(
      `Challenger: ${mdText(shortSha(result.challenger.commit))}${result.stored ? `, run ${mdCode(result.runId)}` : ''}. ${evalLine}`,
    )
    out.push(
      table(
        ['metric', 'challenger'],
        result.metricNames.map((m) => [label(m), num(result.challenger.metrics[m])]),
      ),
    )
    const slices = challengerSliceTable(result)
    if (slices) out.push(slices)
    if (result.dirty) out.push(changesLines(result)!)
  } else {
    const gate = result.gate
    out.push(
      `Challenger ${mdText(shortSha(result.challenger.commit))}${result.stored ? ` (run ${mdCode(result.runId)})` : ''} vs champion run ${mdCode(String(result.champion.runId))} (${mdText(shortSha(result.champion.commit))}), both scored on the same rows. ${evalLine}`,
    )
    const overall = gate.comparisons.filter((c) => c.scope.kind === 'overall')
    out.push(comparisonTable(result, overall, gate.confidence))
    const plot = gatedIntervalPlot(result)
    if (plot) out.push(plot)
    out.push(
      overall
        .filter((c) => c.verdict !== 'not-gated' || c.reason)
        .map((c) => `- ${mdText(c.sentence)}`)
        .join('\n'),
    )
    out.push(`Method: ${gate.methodNote}.`)
    const findings = sliceFindings(result)
    if (findings) out.push(`Slice tests short of pass:\n\n${findings}`)
    const resolution = resolutionLines(overall.filter((c) => c.verdict !== 'not-gated'))
    if (gate.identical) {
      out.push(
        `The challenger predicts exactly what the champion predicts on all ${int(result.data.evalRows)} eval rows (same spec and data: training is deterministic), so every difference is zero. Run ${mdCode(`modelgate calibrate ${result.name}`)} to measure what this eval set can resolve.`,
      )
    } else if (resolution.length) out.push(`Resolution: ${mdText(resolution.join(' '))}`)
    const family =
      gate.adjustment === 'holm' && gate.family > 1
        ? `Holm's adjustment over ${gate.family} gated tests`
        : 'no multiplicity adjustment'
    out.push(`_${Math.round(gate.confidence * 100)}% confidence intervals on paired differences; ${family}._`)
    const changes = changesLines(result)
    if (changes) out.push(changes)
  }
  out.push(...[driftSection(result.insights), explainSection(result.insights)].filter((x) => x !== null))
  if (result.warnings.length > 0) out.push(result.warnings.map((w) => `- ⚠️ ${mdText(w)}`).join('\n'))
  if (result.promoteNote) out.push(`Promotion: ${mdText(result.promoteNote)}.`)
  if (result.storeNote) out.push(`Store: ${mdText(result.storeNote)}.`)
  return out.join('\n\n')
}

function detailsSection(result: ModelResult): string {
  const parts: string[] = []
  const gate = result.gate
  const slices = gate?.comparisons.filter((c) => c.scope.kind === 'slice') ?? []
  if (slices.length > 0) {
    const rows = slices.map((c) => [
      c.scope.kind === 'slice' ? `${c.scope.column}=${c.scope.value}` : '',
      int(c.n),
      c.label,
      num(c.champion),
      num(c.challenger),
      `${signed(c.diff)} (${interval(c.lower, c.upper)})`,
      c.verdict === 'not-gated' ? `not gated: ${c.reason}` : verdictLabel(c.verdict),
    ])
    parts.push(
      `<details><summary>Slices of ${htmlText(result.name)}</summary>\n\n${table(['slice', 'rows', 'metric', 'champion', 'challenger', 'Δ (CI)', 'verdict'], rows)}\n\n</details>`,
    )
  }
  const passedGaps = gate?.gaps.filter((g) => g.verdict === 'pass') ?? []
  if (passedGaps.length > 0)
    parts.push(passedGaps.map((g) => `- ${VERDICT_ICON[g.verdict]} ${mdText(g.sentence)}`).join('\n'))
  // Notes about small, ungated slices are context: in the collapsed section with the slice table.
  if (gate && gate.notes.length > 0)
    parts.push(
      `<details><summary>Slices reported but not gated (${gate.notes.length})</summary>\n\n${gate.notes.map((n) => `- ${mdText(n)}`).join('\n')}\n\n</details>`,
    )
  const confusion = confusionTable(result)
  if (confusion)
    parts.push(
      `<details><summary>Confusion matrix of ${htmlText(result.name)}</summary>\n\n${confusion}\n\n</details>`,
    )
  const misclassified = misclassifiedSection(result)
  if (misclassified) parts.push(misclassified)
  const info: string[] = [
    result.backend.name
      ? `backend: ${mdText(result.backend.name)} (tfjs ${mdText(result.backend.tfjs ?? '')})`
      : 'backend: tfjs not started',
    // The scorer names a user's predict command for external models: a code span, so nothing in it renders.
    ...(result.backend.scorer ? [`scored by: ${mdCode(result.backend.scorer)}`] : []),
    `data sha256: ${mdText(result.data.sha256.slice(0, 16))}…`,
    `timings (ms): ${Object.entries(result.timings)
      .map(([k, v]) => mdText(`${k} ${v}`))
      .join(', ')}`,
  ]
  if (result.calibration) {
    const { sd, seeds, suggestedMargin } = result.calibration
    const noise = Object.entries(sd).map(
      ([m, v]) =>
        `${label(m)} sd ${num(v)}${suggestedMargin[m] !== undefined ? ` (suggested margin ${num(suggestedMargin[m])})` : ''}`,
    )
    info.push(`retrain noise from \`modelgate calibrate\` (${seeds} retrains): ${mdText(noise.join(', '))}`)
  }
  const imputed = result.dataNotes?.imputed
  if (imputed && Object.keys(imputed.training).length + Object.keys(imputed.eval).length > 0) {
    const counts = (r: Record<string, number>): string =>
      Object.entries(r)
        .map(([c, n]) => `${mdText(c)} ${int(n)}`)
        .join(', ') || 'none'
    info.push(
      `missing values imputed: training rows ${counts(imputed.training)}; eval rows ${counts(imputed.eval)}`,
    )
  }
  parts.push(
    `<details><summary>Run details of ${htmlText(result.name)}</summary>\n\n${info.map((i) => `- ${i}`).join('\n')}\n\n</details>`,
  )
  return parts.join('\n\n')
}

/** The challenger's confusion matrix (rows: true class, columns: predicted), with the champion's counts beside. */
function confusionTable(result: ModelResult): string | null {
  const details = result.challenger.details
  if (!details || details.task === 'regression' || details.confusion.length > 12) return null
  const champion = result.champion?.details
  const theirs = champion && champion.task !== 'regression' ? champion.confusion : null
  const classes = details.classes.map((k) => result.classLabels?.[k] ?? String(k))
  const cell = (r: number, c: number): string => {
    const ours = int(details.confusion[r]?.[c] ?? 0)
    return theirs ? `${ours} (${int(theirs[r]?.[c] ?? 0)})` : ours
  }
  const rows = classes.map((label, r) => [`true ${label}`, ...classes.map((_, c) => cell(r, c))])
  const note = theirs ? "Challenger counts, the champion's in parentheses" : 'Challenger counts'
  const threshold =
    details.threshold === null ? 'the most probable class' : `P(positive) ≥ ${details.threshold}`
  return `${note}; predicted = ${threshold}.\n\n${table(['', ...classes.map((c) => `predicted ${c}`)], rows)}`
}

export interface ReportOptions {
  title?: string
  /** Upper bound on the report's length; charts go first, then details (with a note), never verdicts. */
  maxChars?: number
  /** Per model name: links to its stored documents. */
  links?: Record<string, DocumentLinks>
  /** Leave the Mermaid charts out (the terminal, where nothing renders them). */
  charts?: boolean
  /** Models this run did not train (a fan-out's `changed-only` plan), with why: listed under the verdicts. */
  notTrained?: NotTrained[]
}

function notTrainedLines(notTrained: NotTrained[] | undefined): string | null {
  if (!notTrained?.length) return null
  return notTrained
    .map(
      (n) => `⏭️ **${mdText(n.model)}**: not trained in this run (${mdText(n.reason)}); its champion stands.`,
    )
    .join('\n')
}

export function renderReport(results: ModelResult[], options: ReportOptions = {}): string {
  const worst = worstVerdict(results.map((r) => r.verdict))
  const worse = results
    .map((r) => [r.name, significantlyWorseText(r)] as const)
    .filter((x): x is readonly [string, string] => x[1] !== null)
    .map(([name, text]) => (results.length === 1 ? text : `${mdText(name)}: ${text}`))
  const head = [
    `## ${mdText(options.title ?? 'modelgate')}: ${VERDICT_ICON[worst]} ${worst}${worse.length ? ` — ${worse.join('; ')}` : ''}`,
    summaryLines(results),
    notTrainedLines(options.notTrained),
  ]
    .filter((part): part is string => part !== null)
    .join('\n\n')
  const sections = results.map((r) => modelSection(r, options.links?.[r.name]))
  const charts = results.map((r) => (options.charts === false ? null : chartsDetails(r)))
  const details = results.map(detailsSection)
  const max = options.maxChars ?? Infinity
  const model = (i: number, withCharts: boolean): string =>
    [sections[i], withCharts ? charts[i] : null, details[i]].filter(Boolean).join('\n\n')
  const full = [head, ...results.map((_, i) => model(i, true))].join('\n\n')
  if (full.length <= max) return `${full}\n`
  const hasCharts = charts.some((c) => c !== null)
  const chartNote = hasCharts
    ? '\n\n_The charts were left out to stay within the size limit; the HTML report has them._\n'
    : ''
  const withoutCharts = [head, ...results.map((_, i) => model(i, false))].join('\n\n')
  if (withoutCharts.length + chartNote.length <= max) return `${withoutCharts}${chartNote || '\n'}`
  const note = `\n\n_Details were cut to stay within the size limit${hasCharts ? ' (and the charts left out)' : ''}; the full report is in the run's job summary, results file and HTML report._\n`
  const withoutDetails = [head, ...sections].join('\n\n')
  if (withoutDetails.length + note.length <= max) {
    let out = withoutDetails
    for (const d of details) if (out.length + d.length + 2 + note.length <= max) out += `\n\n${d}`
    return `${out}${note}`
  }
  return `${head.slice(0, Math.max(0, max - note.length))}${note}`
}
