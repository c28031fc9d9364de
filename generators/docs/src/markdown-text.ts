/**
 * Catalog text becomes markdown that renders as exactly that text, in any CommonMark renderer and in
 * VitePress, whose pages Vue then compiles as templates.
 *
 * - Every ASCII punctuation character that some markdown or VitePress rule reads (emphasis, links,
 *   HTML, entities, tables, headings, lists, emoji shortcodes, `[[toc]]`, `:::` containers, autolinks)
 *   is backslash-escaped: CommonMark allows an escape before any ASCII punctuation, and an escaped
 *   character is always literal text.
 * - `{` and `}` become numeric character references instead. A backslash escape would come out of
 *   markdown as a bare brace, and `{{ … }}` in the HTML is an expression to Vue; VitePress keeps
 *   entities as written, so Vue never sees the braces. (Pages are also wrapped in `v-pre`: see `page.ts`.)
 * - `</` becomes `&lt;/`: VitePress copies a page's title (its `#` heading, as text) into a `<script>`
 *   block of the page's Vue component, and a `</script>` there would end the block and break the build.
 * - Whitespace runs, line breaks included, become one space: a line break inside a table cell or a
 *   heading would end it, and leading spaces could start a code block.
 */

const SPECIAL = /<\/|[{}]|[\\`*_[\]()#+\-.!|<>&~:=$^]/g
const ENTITIES: Record<string, string> = { '{': '&#123;', '}': '&#125;', '</': '&lt;/' }
// \s covers U+2028 and U+2029, which some renderers treat as line breaks.
const WHITESPACE_RUN = /\s+/g

/** One line of literal text for a paragraph, a table cell, a heading or a list item. */
export function markdownText(text: string): string {
  return text
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .replace(SPECIAL, (special) => ENTITIES[special] ?? `\\${special}`)
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
