/**
 * Escaping, checked against the renderer that matters: VitePress's own markdown-it setup (with its
 * emoji, attrs, container, alert and entity plugins). Whatever the catalog text, the HTML holds exactly
 * that text and no markup, and never `{{`, which Vue would evaluate.
 */
import fc from 'fast-check'
import { createMarkdownRenderer } from 'vitepress'
import { beforeAll, describe, expect, it } from 'vitest'
import { htmlText, markdownCode, markdownParagraphs, markdownText } from './markdown-text.js'

type Renderer = Awaited<ReturnType<typeof createMarkdownRenderer>>
let md: Renderer

beforeAll(async () => {
  md = await createMarkdownRenderer(process.cwd(), {}, '/', { info() {}, warn() {}, error() {} } as never)
}, 30_000)

/** Pieces that mean something to markdown, GFM, VitePress, Vue or HTML, to build hostile strings from. */
const HOSTILE_PIECES = [
  '{{',
  '}}',
  '{{ 1 + 1 }}',
  '<script>',
  '</script>',
  '</',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  '|',
  '`',
  '``',
  '```',
  '*',
  '**',
  '_',
  '__',
  '[',
  ']',
  '](',
  '[link](javascript:alert(1))',
  '![i](x)',
  '<https://x.y>',
  'https://x.y',
  'www.x.com',
  '&amp;',
  '&#123;',
  '&lt;',
  '&',
  '\\',
  '\\n',
  '#',
  '# ',
  '- ',
  '+ ',
  '1. ',
  '1) ',
  '> ',
  '>',
  '=',
  '===',
  '---',
  '~~',
  '~~~',
  ':::',
  '::: warning',
  '[[toc]]',
  '{.cls}',
  '{#id}',
  '{onclick=alert(1)}',
  '$x$',
  '$$',
  '^',
  '[^1]',
  '[!WARNING]',
  '@[x]',
  '<<< @/x',
  'v-html',
  '"',
  "'",
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u00a0',
  'a',
  'b c',
  ':smile:',
  ':+1:',
  'a:b',
  'auth.login',
  'user_id',
  '_a_',
  '*a*',
  'a_b',
  '__init__',
  '_',
  '~',
  '1.',
  '12)',
  '2. ',
  'x.',
  ' #',
  '##',
  '&copy;',
  '&#x41;',
  '@',
  'a@b.co',
  'mailto:a@b.co',
  '//',
  'https://',
  '<<<',
  '<a>',
  '<?',
  '<!',
  '😀',
  'é',
]
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)

/**
 * Renders a fragment as part of a page. A page never starts with catalog text (it starts with the
 * generated header), and VitePress's front-matter parser caches pages in a plain object keyed by their
 * whole text, so a fragment that is exactly `toString` would not survive a render on its own.
 */
function render(fragment: string, env: object = {}): string {
  // Emoticons (`:)`, `<3`, `8)`), which random text is full of, become emoji, not markup, and markdownText
  // leaves them be: fragments render without the emoji rule, and shortcodes are checked on their own.
  md.disable('emoji')
  let html: string
  try {
    html = md.render(`page\n\n${fragment}`, env)
  } finally {
    md.enable('emoji')
  }
  expect(html.startsWith('<p>page</p>\n')).toBe(true)
  return html.slice('<p>page</p>\n'.length)
}

/** The text a browser shows for HTML that has no tags: entities decoded. */
function decode(html: string): string {
  return html.replace(/&(lt|gt|quot|amp|#\d+);/g, (_, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : name === 'amp' ? '&' : String.fromCodePoint(Number(name.slice(1))),
  )
}

/** How markdownText treats whitespace: runs become one space, ends trimmed. markdown-it also turns NUL into U+FFFD. */
function expected(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\0/g, '\uFFFD')
}

describe('markdownText', () => {
  it('renders any text as exactly that text in a paragraph, with no markup and no {{', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = markdownText(text)
        fc.pre(escaped !== '')
        const html = render(escaped, {})
        const match = /^<p>([^<>]*)<\/p>\n$/.exec(html)
        expect(match, html).not.toBeNull()
        expect(html).not.toContain('{{')
        expect(decode(match![1]!)).toBe(expected(text))
      }),
      { numRuns: 400 },
    )
  })

  it('keeps a table row to its cells, whatever a cell holds', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        const html = render(`| one | two |\n| --- | --- |\n| ${markdownText(a) || ' '} | ${markdownText(b) || ' '} |`, {})
        const cells = [...html.matchAll(/<td>([^<>]*)<\/td>/g)].map((m) => decode(m[1]!))
        expect(cells).toEqual([expected(a), expected(b)])
      }),
      { numRuns: 200 },
    )
  })

  it('keeps a heading a heading, and `</script>` out of the page title VitePress copies into a script block', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = markdownText(text)
        fc.pre(escaped !== '')
        const env: { title?: string } = {}
        const html = render(`# ${escaped}`, env)
        expect(html).toMatch(/^<h1 id="[^"<>]*" tabindex="-1">[^<>]*<a class="header-anchor"/)
        expect(env.title?.toLowerCase()).not.toContain('</script')
        expect(html).not.toContain('{{')
      }),
      { numRuns: 200 },
    )
  })

  it('escapes only what a renderer would read, so names read as they are in the raw markdown', () => {
    for (const name of ['auth.login', 'user_id', 'security.rate_limited', 'mfa.backup_codes.regenerate', 'a__b', 'x-y', 'v1.2.3', 'a:b', 'é_ü', '$pageview'])
      expect(markdownText(name)).toBe(name)
    expect(markdownText('a|b')).toBe('a\\|b')
    expect(markdownText('{{ x }}')).toBe('&#123;&#123; x &#125;&#125;')
    expect(markdownText('</script>')).toBe('&lt;/script>')
    expect(markdownText('_a_ and *b*')).toBe('\\_a\\_ and \\*b\\*')
    expect(markdownText('trailing_')).toBe('trailing\\_')
    expect(markdownText('1. first')).toBe('1\\. first')
    expect(markdownText('# not a heading #')).toBe('\\# not a heading \\#')
    expect(markdownText('[x](y)')).toBe('\\[x\\](y)')
    expect(markdownText('see https://x.y')).toBe('see https:\\//x.y')
    expect(markdownText('&amp; & co')).toBe('\\&amp; & co')
    expect(markdownText('a < b > c')).toBe('a < b > c')
    expect(markdownText('  two\n lines  ')).toBe('two lines')
  })
})

describe('emoji shortcodes', () => {
  it('stay text: VitePress would show :smile: as an emoji', () => {
    for (const text of [':smile:', 'a :+1: b', 'x:heart:y', ':smile', 'a:b'])
      expect(md.render(`page\n\n${markdownText(text)}`, {})).toBe(`<p>page</p>\n<p>${text}</p>\n`)
    expect(markdownText('a:b')).toBe('a:b')
    // The renderer is live: unescaped, the shortcode is an emoji.
    expect(md.render('page\n\n:smile:', {})).toContain('😄')
  })
})

describe('markdownCode', () => {
  it('wraps escaped text in <code>', () => {
    expect(render(markdownCode('a|b {{ c }} `d`'), {})).toBe('<p><code>a|b &#123;&#123; c &#125;&#125; `d`</code></p>\n')
  })
})

describe('markdownParagraphs', () => {
  it('keeps paragraphs and soft line breaks, and no line starts a block', () => {
    const html = render(markdownParagraphs('one\n# not a heading\n- not a list\n\n\n  > not a quote\n    not code\n1. not a list'), {})
    expect(html).toBe('<p>one\n# not a heading\n- not a list</p>\n<p>&gt; not a quote\nnot code\n1. not a list</p>\n')
  })

  it('renders any text as paragraphs of exactly that text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = render(markdownParagraphs(text), {})
        const paragraphs = [...html.matchAll(/<p>([^<>]*)<\/p>/g)].map((m) => expected(decode(m[1]!)))
        expect(html.replace(/<p>[^<>]*<\/p>\n/g, '')).toBe('')
        expect(paragraphs.join(' ')).toBe(expected(text))
      }),
      { numRuns: 300 },
    )
  })
})

describe('htmlText', () => {
  it('escapes everything HTML reads', () => {
    expect(htmlText(`<img src="x" onerror='y'> & co`)).toBe('&#60;img src=&#34;x&#34; onerror=&#39;y&#39;&#62; &#38; co')
  })
})
