/**
 * A generated markdown page: the "do not edit" header, then the body inside a `v-pre` element.
 * VitePress compiles every page as a Vue template; `v-pre` makes Vue leave the whole body alone, a
 * second guard behind the escaping of braces in `markdown-text.ts`. Other renderers (GitHub) show
 * the `div` as a plain block. The blank lines around the body let markdown parse it as markdown.
 */
import { type Catalog, type GeneratedFile, generatedHeader } from '@herald/core'

export function markdownPage(catalog: Catalog, path: string, blocks: readonly string[]): GeneratedFile {
  const body = blocks.filter((block) => block !== '').join('\n\n')
  return { path, content: `${generatedHeader(catalog, 'html-comment')}<div v-pre>\n\n${body}\n\n</div>\n` }
}

/** A markdown table; cells must already be escaped (see `markdownText`). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
