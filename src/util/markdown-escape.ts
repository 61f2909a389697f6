/**
 * Text from users (a comment, an input) as literal Markdown text: every character Markdown or GitHub would
 * read as syntax (links, emphasis, HTML, @mentions, #references, line breaks) is escaped, so it shows as typed
 * and can never become a link, an image, a mention or a tag.
 */
export function escapeMarkdownText(text: string): string {
  return (
    text
      .replace(/[\r\n]+/g, ' ')
      .replace(/[\\`*_{}[\]()#+\-.!|~:]/g, (c) => `\\${c}`)
      // Entities last, so their own `#` is not escaped.
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/@/g, '&#64;')
  )
}
