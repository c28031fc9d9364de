/**
 * Catalog text becomes markdown that renders as exactly that text, in any CommonMark renderer and in
 * VitePress, whose pages Vue then compiles as templates, while staying readable raw: a character is escaped
 * only where some rule would read it, so `auth.login` and `user_id` appear as they are (in a diff, in
 * `grep auth.login docs/`).
 *
 * Anywhere in the text:
 * - `\`, `` ` ``, `*`, `[`, `]`, `|` and `@` are backslash-escaped (escapes, code spans, emphasis, links and
 *   `[[toc]]`, table cells, e-mail autolinks); CommonMark allows an escape before any ASCII punctuation, and
 *   an escaped character is always literal text.
 * - `_` is escaped unless its whole run sits between two letters or digits (`user_id`, `a__b`): such a run is
 *   both left- and right-flanking and preceded and followed by neither whitespace nor punctuation, so by
 *   CommonMark's rules it can neither open nor close emphasis. `_a_` and `_private` are escaped.
 * - `~` is escaped in runs of two or more (strikethrough, `~~~` fences); `//` gets `\//` (VitePress links
 *   `https://…` and `//host` on its own); the `:` that opens an emoji shortcode (`:smile:`), which VitePress
 *   would show as an emoji.
 * - `<` before a letter, `/`, `!` or `?` (HTML, autolinks) and `&` that starts a character reference
 *   (`&amp;`, `&#123;`) are escaped. `</` becomes `&lt;/`: VitePress copies a page's title (its `#` heading,
 *   as text) into a `<script>` block of the page's Vue component, and a `</script>` there would end the block.
 * - `{` and `}` become numeric character references: a backslash escape would come out of markdown as a bare
 *   brace, and `{{ … }}` in the HTML is an expression to Vue (VitePress keeps entities as written), `{.cls}` an
 *   attribute list to VitePress. (Pages are also wrapped in `v-pre`: see `page.ts`.)
 *
 * At the start of the text, what would start a block is escaped: `#`, `>`, `-`, `+`, `=` (setext
 * underlines), `:` (`:::` containers), `<`, and the `.` or `)` of a leading `1.`/`1)`; at its end, a run of
 * `#` after a space (a heading's closing sequence).
 *
 * Whitespace runs, line breaks and U+2028 included, become one space: a line break inside a table cell or a
 * heading would end it, and leading spaces could start a code block. Emoticons (`:)`, `<3`), which VitePress
 * also shows as emoji, are left as written: they make no markup.
 */

// \s covers U+2028 and U+2029, which some renderers treat as line breaks.
const WHITESPACE_RUN = /\s+/g
const WORD = /[\p{L}\p{N}]/u
const SPECIAL = /_+|~{2,}|:(?=[+\-\w]+:)|<\/|<(?=[A-Za-z!?])|&(?=#|[A-Za-z][A-Za-z0-9]*;)|\/(?=\/)|[{}]|[\\`*[\]|@]/g
const ENTITIES: Record<string, string> = { '{': '&#123;', '}': '&#125;', '</': '&lt;/' }
const LEADING_ORDERED_LIST = /^(\d{1,9})([.)])(?= |$)/
const LEADING_BLOCK = /^[#>\-+=:<]/
const CLOSING_HASHES = /(?<= )#+$/

const escapeEach = (run: string) => run.replace(/./gsu, (c) => `\\${c}`)

/** Whether the run of `_` from `offset` to `end` has a letter or digit on both sides. */
function betweenWords(text: string, offset: number, end: number): boolean {
  if (offset === 0 || end >= text.length) return false
  const before = text.charCodeAt(offset - 1)
  const start = before >= 0xdc00 && before <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1
  return WORD.test(String.fromCodePoint(text.codePointAt(start)!)) && WORD.test(String.fromCodePoint(text.codePointAt(end)!))
}

/** One line of literal text for a paragraph, a table cell, a heading, a list item or a link's text. */
export function markdownText(text: string): string {
  const line = text.replace(WHITESPACE_RUN, ' ').trim()
  let out = line.replace(SPECIAL, (special: string, offset: number) => {
    if (special[0] === '_') return betweenWords(line, offset, offset + special.length) ? special : escapeEach(special)
    if (special[0] === '~') return escapeEach(special)
    return ENTITIES[special] ?? `\\${special}`
  })
  out = out.replace(LEADING_ORDERED_LIST, '$1\\$2').replace(LEADING_BLOCK, (c) => `\\${c}`)
  return out.replace(CLOSING_HASHES, escapeEach)
}

/** Literal text in monospace: inline `<code>` with escaped content, because a code span cannot hold `|` inside a table in every renderer. */
export function markdownCode(text: string): string {
  return `<code>${markdownText(text)}</code>`
}

/**
 * Multi-paragraph text (descriptions): blank lines separate paragraphs, other line breaks are kept
 * as soft breaks. Each line is escaped on its own, so no line can start a block (`#`, `>`, `-`, `1.`, fences).
 */
export function markdownParagraphs(text: string): string {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => markdownText(line))
    .join('\n')
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph !== '')
    .join('\n\n')
}

/** Text for places that VitePress's theme renders as HTML (`v-html`): sidebar and footer labels. */
export function htmlText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
