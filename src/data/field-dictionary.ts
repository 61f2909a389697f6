/**
 * One column's distinct field texts, found by a hash the scanner computes while it reads a field's
 * characters: a field seen before costs no new string (and no string hashing by a Map), only a comparison
 * of its characters with the stored text. Categories, labels and small integers repeat, so most cells of
 * most columns share a handful of strings; columns of distinct values (ids, prices) fill the dictionary,
 * after which their new texts are made as before and simply not remembered.
 */

/** FNV-1a over UTF-16 code units: the scanner folds each character in with `foldChar`. */
export const HASH_START = 0x811c9dc5 | 0

export function foldChar(hash: number, ch: number): number {
  return Math.imul(hash ^ ch, 0x01000193)
}

/** Distinct texts remembered per column. */
const MAX_ENTRIES = 4096
/** Open-addressing table, at most half full. */
const SLOTS = MAX_ENTRIES * 2

export class FieldDictionary {
  /** Entry index + 1 per slot (0: empty). */
  private readonly slots = new Int32Array(SLOTS)
  private readonly hashes = new Int32Array(MAX_ENTRIES)
  readonly texts: string[] = []
  /** What each text holds as a cell (values.ts CELL_*) and its number. */
  readonly kinds = new Uint8Array(MAX_ENTRIES)
  readonly values = new Float64Array(MAX_ENTRIES)

  /** The entry whose text equals `source[start, end)`, or -1. */
  find(hash: number, source: string, start: number, end: number): number {
    const length = end - start
    for (let s = hash & (SLOTS - 1); ; s = (s + 1) & (SLOTS - 1)) {
      const e = this.slots[s]! - 1
      if (e < 0) return -1
      if (this.hashes[e] !== hash) continue
      const text = this.texts[e]!
      if (text.length !== length) continue
      let k = 0
      while (k < length && text.charCodeAt(k) === source.charCodeAt(start + k)) k++
      if (k === length) return e
    }
  }

  /** Remembers a text not found by `find` (when there is room). */
  add(hash: number, text: string, kind: number, value: number): void {
    const e = this.texts.length
    if (e >= MAX_ENTRIES) return
    let s = hash & (SLOTS - 1)
    while (this.slots[s] !== 0) s = (s + 1) & (SLOTS - 1)
    this.slots[s] = e + 1
    this.hashes[e] = hash
    this.texts.push(text)
    this.kinds[e] = kind
    this.values[e] = value
  }
}
