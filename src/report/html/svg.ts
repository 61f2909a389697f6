/**
 * Inline SVG charts for the HTML report: curves (ROC, precision–recall, reliability) as polylines on a unit
 * square, and a confusion matrix as a heat map. Only numbers and fixed labels are drawn; class labels reach the
 * SVG through htmlText.
 */
import type { CurvePoints } from '../../evaluate/curves.js'
import { htmlText } from '../escape.js'

const SIZE = 240
const PAD = 34

const px = (v: number): string => (PAD + v * (SIZE - 2 * PAD)).toFixed(1)
const py = (v: number): string => (SIZE - PAD - v * (SIZE - 2 * PAD)).toFixed(1)

export interface Series {
  name: 'champion' | 'challenger' | 'perfect calibration'
  points: CurvePoints
}

function polyline(s: Series): string {
  const pts = Array.from(s.points.x, (x, i) => [x, s.points.y[i]!] as const)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
    .map(([x, y]) => `${px(x)},${py(y)}`)
    .join(' ')
  return `<polyline class="series ${s.name.replace(/ /g, '-')}" points="${pts}"><title>${s.name}</title></polyline>`
}

/** A unit-square line chart with axes, ticks at 0, 0.5 and 1, and a legend. */
export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[]): string {
  const ticks = [0, 0.5, 1]
    .map(
      (t) =>
        `<text x="${px(t)}" y="${SIZE - PAD + 14}" class="tick">${t}</text><text x="${PAD - 6}" y="${py(t)}" class="tick" text-anchor="end" dominant-baseline="middle">${t}</text>`,
    )
    .join('')
  const legend = series
    .map(
      (s, i) =>
        `<text x="${PAD + 4}" y="${PAD - 18 + i * 12}" class="legend ${s.name.replace(/ /g, '-')}">— ${s.name}</text>`,
    )
    .join('')
  return `<figure class="chart"><svg viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${title}">
<rect x="${PAD}" y="${PAD}" width="${SIZE - 2 * PAD}" height="${SIZE - 2 * PAD}" class="frame"/>${ticks}
<text x="${SIZE / 2}" y="${SIZE - 4}" class="axis" text-anchor="middle">${xLabel}</text>
<text x="10" y="${SIZE / 2}" class="axis" text-anchor="middle" transform="rotate(-90 10 ${SIZE / 2})">${yLabel}</text>
${series.map(polyline).join('\n')}${legend}</svg><figcaption>${title}</figcaption></figure>`
}

/** Rows: true class; columns: predicted. Cell shade by the share of its row. */
export function confusionHeatMap(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  const head = labels.map((l) => `<th scope="col">predicted ${htmlText(l)}</th>`).join('')
  const body = matrix
    .map((row, r) => {
      const total = row.reduce((a, b) => a + b, 0) || 1
      const cells = row
        .map((v, c) => {
          const share = v / total
          return `<td class="heat${c === r ? ' diag' : ''}" style="--share:${share.toFixed(3)}">${v.toLocaleString('en-US')}</td>`
        })
        .join('')
      return `<tr><th scope="row">true ${htmlText(labels[r] ?? String(r))}</th>${cells}</tr>`
    })
    .join('\n')
  return `<table class="confusion"><thead><tr><th></th>${head}</tr></thead><tbody>${body}</tbody></table>`
}
