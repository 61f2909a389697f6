import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'scripts',
  'check-mermaid.mjs',
)

export interface MermaidParse {
  ok: boolean
  type?: string
  error?: string
}

/** Every ```mermaid block of a Markdown text, without its fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!)
}

/** mermaid's own parser, in a child process (scripts/check-mermaid.mjs: it needs a DOM, which Jest's sandbox breaks). */
export function parseMermaid(diagrams: string[]): Promise<MermaidParse[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [SCRIPT],
      { env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout) => {
        if (stdout) resolve(JSON.parse(stdout) as MermaidParse[])
        else reject(error ?? new Error('check-mermaid printed nothing'))
      },
    )
    child.stdin!.end(JSON.stringify(diagrams))
  })
}
