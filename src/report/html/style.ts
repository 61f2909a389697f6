/** The HTML report's stylesheet: readable at phone width, light and dark (prefers-color-scheme). */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #59636e; --line: #d1d9e0;
  --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --champion: #8250df; --challenger: #0969da; --heat: 9, 105, 218; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d;
    --pass: #3fb950; --fail: #f85149; --warn: #d29922; --champion: #ab7df8; --challenger: #4493f8; --heat: 68, 147, 248; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.4rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2rem; }
.verdict-pass { color: var(--pass); } .verdict-fail { color: var(--fail); } .verdict-inconclusive { color: var(--warn); }
.muted, figcaption { color: var(--muted); font-size: .9em; }
.scroll { overflow-x: auto; }
p, li, h1, h2, h3, footer { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; font-variant-numeric: tabular-nums; }
td.num { text-align: right; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
.chart { margin: 0; width: min(100%, 18rem); }
.chart svg { width: 100%; height: auto; }
.frame { fill: none; stroke: var(--line); }
.tick, .axis, .legend { font-size: 9px; fill: var(--muted); }
.series { fill: none; stroke-width: 1.6; }
.series.champion { stroke: var(--champion); } .series.challenger { stroke: var(--challenger); }
.series.perfect-calibration { stroke: var(--muted); stroke-dasharray: 3 3; }
.legend.champion { fill: var(--champion); } .legend.challenger { fill: var(--challenger); }
td.heat { text-align: right; background: rgba(var(--heat), calc(var(--share) * 0.6)); }
td.diag { font-weight: 600; }
svg.bar { vertical-align: middle; } svg.bar rect { fill: var(--challenger); }
ul.warnings li, .warn { color: var(--warn); }
pre.intervals { overflow-x: auto; font-size: 12px; line-height: 1.3; }
.card { margin-top: 1rem; } code { overflow-wrap: anywhere; }
`
