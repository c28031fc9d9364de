import { rules } from '../plugin.js'
import { ruleTester } from '../__fixtures__/rule-tester.js'

const rule = rules['no-undeclared-trait']

ruleTester().run('no-undeclared-trait', rule, {
  valid: [
    // posthog-js: identify(id, $set, $set_once)
    "posthog.identify(user.id, { plan: 'pro', name }, { signup_source: 'ads' })",
    // posthog-node: properties are $set, or hold $set / $set_once
    "client.identify({ distinctId: id, properties: { plan: 'pro' } })",
    'client.identify({ distinctId: id, properties: { $set: { plan }, $set_once: { signup_source } } })',
    // Segment: identify(userId, traits)
    "analytics.identify(userId, { plan: 'free' })",
    // SDK keys are the SDK's
    'posthog.identify(id, { $email_verified: true })',
    "posthog.group('organization', orgId, { plan: 'pro', seats: 4 })",
    "client.groupIdentify({ groupType: 'project', groupKey: key, properties: { region } })",
    // Segment has no group type: group_type is the trait Herald's Segment sink sends it in
    "analytics.group(orgId, { group_type: 'organization', seats: 3 })",
    // the type is unknown: a key some group type declares
    'analytics.group(orgId, { region })',
    // an undeclared group type is no-undeclared-group-type's
    "posthog.group('company', id, { anything: 1 })",
    // other receivers and calls are not people calls
    "store.group('x', 1, { anything: 1 })",
    "analytics.track('page.viewed', { path })",
  ],
  invalid: [
    {
      code: "posthog.identify(id, { plan: 'pro', role: 'admin' })",
      errors: [{ messageId: 'undeclaredPersonProperty', data: { key: 'role', bucket: 'set' }, column: 37, suggestions: [] }],
    },
    {
      code: "posthog.identify(id, { plna: 'pro' })",
      errors: [
        {
          messageId: 'undeclaredPersonPropertyWithSuggestion',
          data: { key: 'plna', bucket: 'set', suggestion: 'plan' },
          suggestions: [{ messageId: 'renameKey', data: { key: 'plan' }, output: "posthog.identify(id, { plan: 'pro' })" }],
        },
      ],
    },
    {
      // a set-once property sent with $set
      code: "posthog.identify(id, { signup_source: 'ads' }, { plan: 'pro' })",
      errors: [
        { messageId: 'personPropertyInOtherBucket', data: { key: 'signup_source', bucket: 'set', declaredIn: 'setOnce' }, suggestions: [] },
        { messageId: 'personPropertyInOtherBucket', data: { key: 'plan', bucket: 'setOnce', declaredIn: 'set' }, suggestions: [] },
      ],
    },
    {
      code: 'client.identify({ distinctId: id, properties: { $set_once: { referrer } } })',
      errors: [{ messageId: 'undeclaredPersonProperty', data: { key: 'referrer', bucket: 'setOnce' }, suggestions: [] }],
    },
    {
      code: 'analytics.identify(userId, { company })',
      errors: [{ messageId: 'undeclaredPersonProperty', data: { key: 'company', bucket: 'set' }, suggestions: [] }],
    },
    {
      code: "posthog.group('organization', orgId, { seets: 4 })",
      errors: [
        {
          messageId: 'undeclaredGroupPropertyWithSuggestion',
          data: { key: 'seets', group: 'organization', suggestion: 'seats' },
          suggestions: [{ messageId: 'renameKey', data: { key: 'seats' }, output: "posthog.group('organization', orgId, { seats: 4 })" }],
        },
      ],
    },
    {
      code: "client.groupIdentify({ groupType: 'project', groupKey: key, properties: { region, billing_tier: 'a' } })",
      errors: [{ messageId: 'undeclaredGroupProperty', data: { key: 'billing_tier', group: 'project' }, suggestions: [] }],
    },
    {
      code: "analytics.group(orgId, { group_type: 'project', plan: 'pro' })",
      errors: [{ messageId: 'undeclaredGroupProperty', data: { key: 'plan', group: 'project' }, suggestions: [] }],
    },
    {
      code: 'analytics.group(orgId, { industry })',
      errors: [{ messageId: 'undeclaredAnyGroupProperty', data: { key: 'industry' }, suggestions: [] }],
    },
  ],
})
