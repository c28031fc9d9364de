import { posix } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Catalog, generatedNotice, loadCatalogOrThrow, parseCatalog } from '@herald/core'
import { describe, expect, it } from 'vitest'
import { generate } from './index.js'
import { markdownCode, markdownText } from './markdown-text.js'

const example = loadCatalogOrThrow(fileURLToPath(new URL('../../../schema/events.catalog.json', import.meta.url)))
const hostile = loadCatalogOrThrow(fileURLToPath(new URL('../../../test/fixtures/docs-hostile.catalog.json', import.meta.url)))

function catalogOf(document: object): Catalog {
  const result = parseCatalog(JSON.stringify(document), 'small.catalog.json')
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'))
  return result.catalog
}

function page(files: ReturnType<typeof generate>, path: string): string {
  const file = files.find((f) => f.path === path)
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(', ')}`)
  return file.content
}

/** The section of a category page about one event: from its heading to the next. */
function section(content: string, eventName: string, escapedName: string): string {
  const start = content.indexOf(`## ${escapedName} <a id=`)
  if (start < 0) throw new Error(`no section for ${eventName}`)
  const end = content.indexOf('\n## ', start + 1)
  return content.slice(start, end < 0 ? undefined : end)
}

describe('generate (docs)', () => {
  const files = generate(example, {})

  it('writes an index, a privacy page, one page per category and a dashboards page; the site config only when asked', () => {
    expect(files.map((f) => f.path)).toEqual([
      'index.md',
      'privacy.md',
      ...Object.keys(example.categories).map((name) => `categories/${name}.md`),
      'dashboards.md',
    ])
    const site = generate(example, { site: true })
    expect(site.map((f) => f.path)).toEqual([...files.map((f) => f.path), '.vitepress/config.mts'])
  })

  it('starts every file with the generated header and gives the same bytes every time', () => {
    for (const file of generate(example, { site: true })) expect(file.content.split('\n')[0]).toContain(generatedNotice(example))
    expect(generate(example, { site: true })).toEqual(generate(example, { site: true }))
  })

  it('puts every page body in a v-pre block, so Vue never compiles catalog text', () => {
    for (const file of files) {
      expect(file.content).toMatch(/^<!-- [^\n]* -->\n<div v-pre>\n\n/)
      expect(file.content.endsWith('\n\n</div>\n')).toBe(true)
      expect(file.content.match(/<div v-pre>/g)).toHaveLength(1)
    }
  })

  it('shows the title, version and counts on the index, with a row of events per category', () => {
    const index = page(files, 'index.md')
    expect(index).toContain('# Acme auth telemetry')
    expect(index).toContain(`**Version** ${markdownText(example.version!)}`)
    expect(index).toContain(`**${example.events.length} events**`)
    expect(index).toContain(`**${example.wireEvents.length} wire events**`)
    expect(index).toContain(`**${Object.keys(example.categories).length} categories**`)
    for (const name of Object.keys(example.categories)) expect(index).toContain(`| [${name}](./categories/${name}.md) |`)
    expect(index).toContain('[<code>account.registered</code>](./categories/auth.md#event--account-registered) (deprecated)')
  })

  it('documents each event: facts, wire events of a span, properties table and an example call', () => {
    const auth = page(files, 'categories/auth.md')
    const login = section(auth, 'auth.login', 'auth.login')
    expect(login).toContain('A user login attempt')
    expect(login).toContain('- **Kind:** span')
    expect(login).toContain('- **Level:** info')
    expect(login).toContain('- **Owner:** identity')
    expect(login).toContain('- **Since:** 1.0.0')
    expect(login).toContain('| <code>auth.login.stop</code> | on return | <code>duration_ms</code>: How long the operation took, in milliseconds. |')
    expect(login).toContain('| <code>auth.login.exception</code> | on a throw | <code>error_kind</code>:')
    expect(login).toContain('| Property | Type | Required | PII | Transform | Description |')
    expect(login).toContain('| <code>ip</code> | string (ipv4) | no | personal | hash | Client IP address, hashed before it leaves the process |')
    expect(login).toContain('| <code>method</code> | one of "password", "magic_link", "oauth_google", "oauth_github", "sso", "passkey" | yes |')
    expect(login).toContain("```ts\nauthLogin(t, { method: 'password' }, async () => {\n")

    const rateLimited = section(page(files, 'categories/security.md'), 'security.rate_limited', 'security.rate_limited')
    expect(rateLimited).toContain('- **Kind:** signal')
    expect(rateLimited).not.toContain('**Wire events**')
    expect(rateLimited).toMatch(/```ts\nsecurityRateLimited\(t, \{ limiter: '[^']+' \}\)\n```/)
  })

  it('writes every event name, wire name and property name verbatim in its page, heading included', () => {
    const map = new Map(files.map((f) => [f.path, f.content]))
    for (const event of example.events) {
      const path = `categories/${event.category ?? 'uncategorized'}.md`
      const content = map.get(path)!
      expect(content, `${event.name} in ${path}`).toContain(`## ${event.name} <a id=`)
      for (const wire of event.wireEvents) expect(content).toContain(wire.name)
      for (const key of Object.keys(event.properties)) expect(content).toContain(`<code>${key}</code>`)
    }
    // And so a grep of the docs finds them.
    expect(files.filter((f) => f.content.includes('auth.login')).map((f) => f.path)).toContain('categories/auth.md')
    // No `\\.` or `\\_` but in a property's regular expression, where `[a-z0-9._-]` has `_` between punctuation.
    for (const file of files) for (const line of file.content.split('\n')) if (!line.includes('(matching ')) expect(line, file.path).not.toMatch(/\\[._]/)
  })

  it('marks a deprecated event and links the event that replaces it', () => {
    const old = section(page(files, 'categories/auth.md'), 'account.registered', 'account.registered')
    expect(old).toContain(
      '> [!WARNING]\n> **Deprecated since 1.3.0.** Use [<code>auth.signup</code>](./auth.md#event--auth-signup) instead. Named after the email-verification step, not the form submit',
    )
  })

  it('flattens nested properties and describes types in words', () => {
    const catalog = catalogOf({
      events: {
        'device.seen': {
          properties: {
            device: {
              type: 'object',
              properties: { kind: { enum: ['phone', 'laptop'] }, score: { type: 'integer', minimum: 0, maximum: 100 } },
              required: ['kind'],
            },
            tags: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 5, uniqueItems: true },
            seen_at: { type: 'string', format: 'date-time' },
          },
          required: ['device', 'seen_at'],
        },
      },
    })
    const content = page(generate(catalog, {}), 'categories/uncategorized.md')
    expect(content).toContain('| <code>device.kind</code> | one of "phone", "laptop" | yes |')
    expect(content).toContain('| <code>device.score</code> | integer (≥ 0, ≤ 100) | no |')
    expect(content).toContain('| <code>tags</code> | array of string (at most 20 characters) \\[at most 5 items, unique\\] | no |')
    expect(content).toContain("deviceSeen(t, {\n  device: { kind: 'phone' },\n  seen_at: '2024-05-01T12:00:00Z',\n})")
  })

  it('keeps every link pointing at a generated page and an anchor on it', () => {
    for (const catalog of [example, hostile]) {
      const all = generate(catalog, {})
      const byPath = new Map(all.map((f) => [f.path, f.content]))
      for (const file of all) {
        // A `](` after a backslash is escaped text, not a link.
        for (const [, target] of file.content.matchAll(/(?<!\\)\]\(([^)]+)\)/g)) {
          const [path, anchor] = target!.split('#')
          const resolved = posix.normalize(posix.join(posix.dirname(file.path), path!))
          expect(byPath.has(resolved), `${file.path} links ${target}`).toBe(true)
          if (anchor) expect(byPath.get(resolved), `${file.path} links ${target}`).toContain(`<a id="${anchor}"></a>`)
        }
      }
    }
  })

  it('gives case-colliding categories their own pages and events without a category a page of their own', () => {
    expect(generate(hostile, {}).map((f) => f.path)).toEqual(['index.md', 'privacy.md', 'categories/hostile.md', 'categories/hostile-2.md'])
    const catalog = catalogOf({ categories: { uncategorized: { description: 'taken' } }, events: { 'a.b': { category: 'uncategorized' }, 'c.d': {} } })
    const paths = generate(catalog, {}).map((f) => f.path)
    expect(paths).toEqual(['index.md', 'privacy.md', 'categories/uncategorized.md', 'categories/uncategorized-2.md'])
    expect(page(generate(catalog, {}), 'categories/uncategorized-2.md')).toContain('# Other events')
  })

  it('writes no catalog text unescaped outside code blocks (whose content markdown never reads)', () => {
    for (const file of generate(hostile, {})) {
      const prose = file.content.replace(/^(`{3,})ts\n[^]*?\n\1$/gm, '')
      // Escaped, they read `\<script`, `\]\(javascript` and `&#123;&#123;`.
      expect(prose).not.toMatch(/\{\{|(?<!\\)<(?:script|img|b>|i>|em>)|(?<!\\)\]\(javascript/i)
    }
    const example = section(page(generate(hostile, {}), 'categories/hostile.md'), 'hostile.event', 'hostile.event')
    expect(example).toContain("```ts\nhostileEvent(t, { note: '{{ 1 + 1 }}' }, async () => {")
  })
})

describe('the privacy page', () => {
  const privacy = page(generate(example, {}), 'privacy.md')

  it('lists every forbidden key, the built-in ones included', () => {
    for (const key of example.privacy.allForbiddenKeys) expect(privacy).toContain(`<code>${key}</code>`)
  })

  it('states the distinct-id policy, which fields are hashed and how, salt rotation, retention and opt-out', () => {
    expect(privacy).toContain('by <code>user_id</code> (Opaque user id; never an email), an opaque identifier')
    expect(privacy).toContain('| <code>ip</code> | personal | hashed |')
    expect(privacy).toContain('| <code>user_agent</code> | personal | removed |')
    expect(privacy).toContain('<code>ip</code>, <code>limit_key</code>, <code>org_id</code> are hashed')
    expect(privacy).toContain('HMAC-SHA256, keyed by a secret salt of 32 random bytes (64 hex characters)')
    expect(privacy).toContain('<code>HERALD_SALT</code> environment variable')
    expect(privacy).toContain('## Salt rotation, and what it breaks')
    expect(privacy).toContain('Raw events are kept for **90 days**')
    expect(privacy).toMatch(/`TELEMETRY_ENABLED`[^\n]*\n- `DO_NOT_TRACK=1` \*\*always turns it off\*\*/)
    expect(privacy).toContain('(`optOut` in `createTelemetry`)')
  })

  it('documents the one distinct-id and identify strategy the catalog declares, read from it', () => {
    const strategy = privacy.slice(privacy.indexOf('## Who an event is about'), privacy.indexOf('## Personal data'))
    expect(strategy).toContain('by <code>user_id</code> (Opaque user id; never an email), an opaque identifier, except where an event names another below.')
    expect(strategy).toMatch(
      /- <code>identity_handle<\/code> \(Public handle of an agent identity\): \[<code>identity\.registered<\/code>\]\([^)]*\), \[<code>identity\.claimed<\/code>\]/,
    )
    expect(strategy).toContain('**Identify.** A signed-in user, identified by user_id')
    expect(strategy).toContain('identifies a person by <code>user_id</code> and may set these person properties on them')
    expect(strategy).toContain('<code>organization</code>, keyed by <code>org_id</code> (hashed, as that property is)')
    // Another catalog, another strategy: nothing of the example's is written in the generator.
    const other = page(
      generate(
        catalogOf({
          privacy: { distinctId: { property: 'account_id' } },
          events: {
            'bot.ran': { properties: { bot_key: { type: 'string', pii: 'pseudonymous', description: 'The bot' } }, distinctId: 'bot_key' },
            'a.b': { properties: { account_id: { type: 'string' } } },
          },
          identify: { set: { plan: { enum: ['a'] } } },
        }),
        {},
      ),
      'privacy.md',
    )
    expect(other).toContain('by <code>account_id</code>, an opaque identifier, except where')
    expect(other).toMatch(/- <code>bot_key<\/code> \(The bot\): \[<code>bot\.ran<\/code>\]/)
    expect(other).toContain(
      'identifies a person by <code>account_id</code> and may set these person properties on them, redacted and hashed as event properties are: <code>plan</code>.',
    )
    expect(other).not.toMatch(/user_id|identity_handle|organization/)
  })

  it('says so when the catalog sets no retention, no distinct id and hashes nothing', () => {
    const bare = page(generate(catalogOf({ events: { 'a.b': { properties: { n: { type: 'integer' } } } } }), {}), 'privacy.md')
    expect(bare).toContain('The catalog sets no retention period')
    expect(bare).toContain('The catalog names no distinct id')
    expect(bare).toContain('No property in this catalog is hashed.')
    expect(bare).toContain('# Privacy\n')
  })
})

describe('the site config', () => {
  const config = page(generate(hostile, { site: true }), '.vitepress/config.mts')
  const literal = JSON.parse(config.slice(config.indexOf('= ') + 2, config.lastIndexOf('\n\nexport default'))) as {
    title: string
    description: string
    metaChunk: boolean
    head: unknown[]
    themeConfig: { search: { provider: string }; sidebar: { text: string; link?: string; items?: { text: string; link: string }[] }[] }
  }

  it('imports nothing at run time and holds the catalog text as one JSON literal', () => {
    expect(config).toMatch(
      /^\/\/ generated by herald from docs-hostile\.catalog\.json — do not edit\nimport type \{ UserConfig \} from 'vitepress'\n\nconst config: UserConfig = \{/,
    )
    expect(config).not.toMatch(/[<\u2028\u2029]/)
    expect(literal.title).toBe(hostile.title)
  })

  it('has local search and a sidebar group per category, with labels escaped for v-html', () => {
    expect(literal.themeConfig.search).toEqual({ provider: 'local' })
    expect(literal.themeConfig.sidebar.map((group) => group.text)).toEqual(['Catalog', 'Hostile', 'hostile'])
    const labels = literal.themeConfig.sidebar.flatMap((group) => (group.items ?? []).map((item) => item.text))
    expect(labels).toContain('hostile.&#60;img/src/onerror=window.__pwned=2&#62;{{1+1}}')
    expect(literal.themeConfig.sidebar[1]!.items![0]!.link).toBe('/categories/hostile#event--hostile-event')
  })

  it('keeps the description out of VitePress’s unescaped meta tag and the site data out of inline scripts', () => {
    expect(literal.metaChunk).toBe(true)
    expect(literal.head).toEqual([['meta', { name: 'description', content: hostile.description }]])
  })

  it('shows each dashboard with its insights and links every event an insight reads to its entry', () => {
    const files = generate(example, {})
    const dashboards = page(files, 'dashboards.md')
    const dashboard = example.dashboards[0]!
    expect(dashboards).toContain(`## ${markdownText(dashboard.name)}`)
    for (const insight of dashboard.insights) expect(dashboards).toContain(`### ${markdownText(insight.name)}`)
    // A span's wire event links to the span's entry on its category page.
    const login = new RegExp(`\\[${escapeRegExp(markdownCode('auth.login.start'))}\\]\\(\\./categories/[a-z-]+\\.md#event--auth-login\\)`)
    expect(dashboards).toMatch(login)
    expect(dashboards).toContain('converting within 1 hour')
    expect(dashboards).toContain(`broken down by ${markdownCode('method')}`)
    expect(dashboards).toContain(`| People linking | [${markdownCode('oauth.link')}]`)
    expect(dashboards).toContain('| unique users |')
    expect(dashboards).toContain(`${markdownCode('success')} = ${markdownCode('true')}`)
    expect(page(files, 'index.md')).toContain('[Dashboards](./dashboards.md)')
    expect(page(generate(example, { site: true }), '.vitepress/config.mts')).toContain('"link": "/dashboards"')
  })

  it('writes no dashboards page for a catalog without dashboards', () => {
    const small = catalogOf({ title: 'Small', events: { 'app.started': { description: 'The app started.' } } })
    expect(generate(small, { site: true }).map((f) => f.path)).not.toContain('dashboards.md')
    expect(page(generate(small, { site: true }), '.vitepress/config.mts')).not.toContain('/dashboards')
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
