import { rules } from '../plugin.js'
import { CATALOG, ruleTester } from '../__fixtures__/rule-tester.js'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const rule = rules['no-undeclared-group-type']

ruleTester().run('no-undeclared-group-type', rule, {
  valid: [
    "posthog.group('organization', orgId, { plan: 'pro' })",
    "client.groupIdentify({ groupType: 'project', groupKey: key })",
    "analytics.group(orgId, { group_type: 'organization' })",
    // Segment without a group_type trait: the type is not known, so not undeclared
    'analytics.group(orgId, { seats: 3 })',
    // a dynamic type is not judged
    'posthog.group(type, key)',
    "posthog.group(ok ? 'organization' : 'project', key)",
  ],
  invalid: [
    {
      code: "posthog.group('organisation', orgId)",
      errors: [
        {
          messageId: 'undeclaredGroupTypeWithSuggestions',
          data: { name: 'organisation', candidates: '"organization"' },
          column: 15,
          suggestions: [{ messageId: 'replaceName', data: { name: 'organization' }, output: "posthog.group('organization', orgId)" }],
        },
      ],
    },
    {
      code: "client.groupIdentify({ groupType: 'team', groupKey: key })",
      errors: [{ messageId: 'undeclaredGroupType', data: { name: 'team' }, suggestions: [] }],
    },
    {
      code: "analytics.group(orgId, { group_type: ok ? 'project' : 'workspace' })",
      errors: [{ messageId: 'undeclaredGroupType', data: { name: 'workspace' }, suggestions: [] }],
    },
  ],
})

// A catalog without groups: every group call sets a group it does not declare.
const dir = mkdtempSync(join(tmpdir(), 'herald-no-groups-'))
const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as Record<string, unknown>
delete catalog.groups
delete catalog.$schema
writeFileSync(join(dir, 'events.catalog.json'), JSON.stringify(catalog))

ruleTester({ catalog: join(dir, 'events.catalog.json') }).run('no-undeclared-group-type without groups', rule, {
  valid: ["posthog.identify(id, { plan: 'pro' })"],
  invalid: [
    { code: 'analytics.group(orgId, { seats: 3 })', errors: [{ messageId: 'noGroupTypes', data: {}, line: 1, column: 1 }] },
    { code: "posthog.group('organization', orgId)", errors: [{ messageId: 'noGroupTypes', data: {}, column: 15 }] },
  ],
})
