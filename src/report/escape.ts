/**
 * Escaping for every place a user-controlled string (column names, category values, class labels, model and
 * workflow names, refs, commits, error messages) enters Markdown or HTML. The report is read by other people
 * in their pull requests, so a value must never become an element, a link, an image, a mention, a
 * cross-reference or a comment that hides the rest of the text. One module so that every surface (PR comment,
 * job summary, check run, report file, HTML) escapes the same way.
 *
 * The renderers treat everything built from data as plain text and escape it where it enters Markdown:
 * sentences and notes stay plain (they are logged too), and the report escapes them whole.
 */

/** Keeps `@name`, `#12`, `http://` and `www.` from being recognised while still reading the same. */
const JOINER = '\u2060'

/** Bidirectional controls (the "Trojan Source" characters) and other C0/C1 controls: shown as U+FFFD. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

function flatten(text: string): string {
  return text.replace(/\r\n|\r|\n|\t/g, ' ').replace(CONTROLS, '\ufffd')
}

/**
 * Mentions (`@everyone`, `@org/team`, `user@host`), issue references (`#12`, `GH-12`) and bare URLs that
 * GitHub would link on its own (`http://…`, `www.…`): a word joiner breaks each pattern without changing
 * what a reader sees.
 */
function neutraliseAutolinks(text: string): string {
  return text
    .replace(/@(?=[\p{L}\p{N}_-])/gu, `@${JOINER}`)
    .replace(/#(?=\d)/g, `#${JOINER}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${JOINER}`)
    .replace(/:(?=\/\/)/g, `:${JOINER}`)
    .replace(/\b(www)\./gi, `$1${JOINER}.`)
}

/**
 * A string as Markdown text inline (in a paragraph, list item, heading, emphasis or table cell): on one line,
 * every character that could open a Markdown or HTML construct backslash-escaped, `|` included so that it
 * is safe in a table cell too.
 */
export function mdText(text: string): string {
  const escaped = neutraliseAutolinks(flatten(String(text)))
    .replace(/[\\`*[\]<>|~$]/g, '\\$&')
    // Entity references (`&lt;`, `&#60;`) would decode; a lone `&` is fine as it is.
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    // `_` opens emphasis only at a word boundary (`a_b` is plain text in GFM).
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
  // What only matters at the start of a line: headings, quotes, list markers, setext underlines.
  return escaped
    .replace(/^(\s*)([#+=-])(?=[#=\s-]|$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
}

/** A table cell: Markdown text (pipes and newlines included). */
export const mdCell = mdText

/**
 * An inline code span holding `text` literally: fenced with one backtick more than its longest run of
 * backticks, padded when it starts or ends with one. Pipes are escaped so the span is safe in a table row.
 */
export function mdCode(text: string): string {
  const flat = flatten(String(text))
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = /^[` ]|[` ]$/.test(flat) || flat === '' ? ' ' : ''
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/**
 * Text inside an HTML element (`<summary>`, an HTML report): entities for `& < > " ' \``, one line, mentions
 * and autolinks neutralised (GitHub links mentions in HTML blocks too).
 */
export function htmlText(text: string): string {
  return neutraliseAutolinks(flatten(String(text))).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!)
}

/**
 * A URL we built (a presigned link, report-base-url + a run's path) as the target of a Markdown link: only
 * http(s), and every character that could end the link or the text around it percent-encoded.
 */
export function mdUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url)) return null
  return url.replace(
    /[\s()<>[\]\\`"'|]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

/** A double-quoted HTML attribute value. */
export function htmlAttr(text: string): string {
  return flatten(String(text)).replace(/[&<>"'`]/g, (c) => HTML_ENTITIES[c]!)
}

// Error messages quote data through the same cap (a leaf module, so that the data stage can use it).
export { excerpt, EXCERPT_MAX_CHARS } from '../util/excerpt.js'
