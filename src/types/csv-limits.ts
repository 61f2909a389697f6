/** The guards of the CSV reader (a leaf module: the spec schema reads the defaults). */

/** What a reader accepts: a guard for a shared runner (each is configurable in the spec's data section). */
export interface CsvLimits {
  /** Largest data file, in bytes. */
  maxFileBytes: number
  /** Longest field, in characters. */
  maxFieldLength: number
  /** How the bytes are decoded; anything but UTF-8 must be declared (data.encoding). */
  encoding: CsvEncoding
}

export const CSV_ENCODINGS = ['utf-8', 'latin1', 'windows-1252', 'utf-16le'] as const
export type CsvEncoding = (typeof CSV_ENCODINGS)[number]

export const DEFAULT_CSV_LIMITS: CsvLimits = {
  // A 500 MB file takes about 1.5 GB of memory as a table of strings: within a 7 GB runner with room to train.
  maxFileBytes: 500 * 1024 * 1024,
  // Long enough for any real categorical or id value; a longer field is almost always a broken quote.
  maxFieldLength: 100_000,
  encoding: 'utf-8',
}

/** The limits a spec's data section sets. */
export function csvLimitsOf(data: {
  encoding: CsvEncoding
  max_file_mb: number
  max_field_length: number
}): CsvLimits {
  return {
    encoding: data.encoding,
    maxFileBytes: Math.floor(data.max_file_mb * 1024 * 1024),
    maxFieldLength: data.max_field_length,
  }
}
