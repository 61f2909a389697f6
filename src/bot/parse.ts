/** The `/modelgate …` commands of a pull request comment, parsed without ever executing or echoing raw text. */

export const COMMANDS = ['help', 'rerun', 'promote', 'explain'] as const
export type CommandName = (typeof COMMANDS)[number]

export type BotCommand =
  | { name: CommandName; model: string | null }
  /** A `/modelgate` line the bot does not understand; `text` is shown escaped, never run. */
  | { name: 'unknown'; text: string }

/** The marker of the bot's replies: a comment carrying it is never read as a command. */
export const REPLY_MARKER = '<!-- modelgate:reply -->'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const PREFIX = /^\/modelgate(?=\s|$)/

/**
 * The first line that starts with `/modelgate` (outside code blocks and quotes), or null when there is none.
 * `/modelgate` alone means help.
 */
export function parseCommand(body: string): BotCommand | null {
  if (body.includes(REPLY_MARKER)) return null
  let fenced = false
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim()
    if (/^(```|~~~)/.test(line)) fenced = !fenced
    if (fenced || !PREFIX.test(line)) continue
    const words = line.slice('/modelgate'.length).trim().split(/\s+/).filter(Boolean)
    const [name = 'help', model, ...rest] = words
    const known = (COMMANDS as readonly string[]).includes(name.toLowerCase())
    if (!known || rest.length > 0 || (model !== undefined && !NAME.test(model)))
      return { name: 'unknown', text: line.slice(0, 200) }
    return { name: name.toLowerCase() as CommandName, model: model ?? null }
  }
  return null
}

/** Whether a comment's author is a bot (GitHub Apps and the Actions token write as `<name>[bot]`). */
export function isBotAuthor(user: { login: string; type?: string } | undefined): boolean {
  return user?.type === 'Bot' || (user?.login ?? '').endsWith('[bot]')
}
