/**
 * The model card of a run (Markdown, stored with the run as model-card.md): what the spec says about the
 * model (`card: { intended_use, owners, limitations }`), where its data came from with fingerprints, its
 * metrics with intervals against the champion, and its slices. Everything from the spec, data or results is
 * escaped; the card is plain text where a value is missing, never a broken table.
 */
import { METRICS } from '../evaluate/metrics.js'
import type { ModelResult } from '../pipeline/types.js'
import { mdCode, mdText } from './escape.js'
import { int, interval, num, shortSha, signed, table, verdictLabel } from './format.js'

const label = (metric: string): string => METRICS[metric]?.label ?? metric

function metricsSection(result: ModelResult): string {
  const overall = result.gate?.comparisons.filter((c) => c.scope.kind === 'overall') ?? []
  if (overall.length === 0)
    return table(
      ['metric', 'value on the eval rows'],
      result.metricNames.map((m) => [label(m), num(result.challenger.metrics[m])]),
    )
  const confidence = Math.round((result.gate?.confidence ?? 0.95) * 100)
  const rows = result.metricNames.map((m) => {
    const c = overall.find((x) => x.metric === m)
    if (!c)
      return [label(m), num(result.challenger.metrics[m]), num(result.champion?.metrics[m]), '—', 'reported']
    return [
      c.label,
      num(c.challenger),
      num(c.champion),
      `${signed(c.diff)} (${interval(c.lower, c.upper)})`,
      verdictLabel(c.verdict),
    ]
  })
  return table(['metric', 'this model', 'champion', `Δ (${confidence}% CI, + = better)`, 'verdict'], rows)
}

function slicesSection(result: ModelResult): string | null {
  const compared = result.gate?.comparisons.filter((c) => c.scope.kind === 'slice') ?? []
  if (compared.length > 0)
    return table(
      ['slice', 'rows', 'metric', 'this model', 'Δ vs champion (CI)', 'verdict'],
      compared.map((c) => [
        c.scope.kind === 'slice' ? `${c.scope.column}=${c.scope.value}` : '',
        int(c.n),
        c.label,
        num(c.challenger),
        `${signed(c.diff)} (${interval(c.lower, c.upper)})`,
        c.verdict === 'not-gated' ? `not gated: ${c.reason}` : verdictLabel(c.verdict),
      ]),
    )
  const own = result.challengerSlices ?? []
  if (own.length === 0) return null
  return table(
    ['slice', 'rows', ...result.metricNames.map(label)],
    own.map((s) => [`${s.column}=${s.value}`, int(s.n), ...result.metricNames.map((m) => num(s.metrics[m]))]),
  )
}

const list = (items: readonly string[] | undefined, none: string): string =>
  items && items.length ? items.map((i) => `- ${mdText(i)}`).join('\n') : `_${none}_`

export function renderModelCard(result: ModelResult): string {
  const card = result.card ?? {}
  const out: string[] = [
    `# Model card: ${mdText(result.name)}`,
    `Run ${mdCode(result.runId)} · ${mdText(result.task)} · commit ${mdText(shortSha(result.challenger.commit))} · spec ${mdCode(result.specPath)} · verdict ${verdictLabel(result.verdict)}`,
    '## Intended use',
    card.intended_use ? mdText(card.intended_use) : '_Not stated (add `card.intended_use` to the spec)._',
    '## Owners',
    list(card.owners, 'Not stated (add `card.owners` to the spec).'),
    '## Data',
    `Trained on ${int(result.data.trainRows)} rows, evaluated on ${int(result.data.evalRows)} rows (${mdText(result.data.evalSource)}); ${int(result.data.features)} features → ${int(result.data.inputs)} model inputs.`,
    table(
      ['role', 'files', 'sha256'],
      (result.sources ?? []).map((s) => [s.role, s.files.join(', '), s.sha256]),
    ),
    '## Metrics',
    result.champion
      ? `On the same eval rows as champion run ${mdCode(String(result.champion.runId))}.`
      : 'No champion to compare with: the values on the eval rows.',
    metricsSection(result),
  ]
  const slices = slicesSection(result)
  if (slices) out.push('## Slices', slices)
  out.push(
    '## Known limitations',
    list(card.limitations, 'None stated (add `card.limitations` to the spec).'),
  )
  if (result.warnings.length) out.push('## Warnings from this run', list(result.warnings, ''))
  return `${out.join('\n\n')}\n`
}
