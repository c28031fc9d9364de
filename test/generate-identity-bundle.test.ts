/**
 * identify, group and alias are paid for only by the apps that call them: a tree-shaken bundle of an event
 * emitter holds none of their code, and one of identify holds neither group's nor alias'.
 */
import { generate } from '@herald/generator-typescript'
import { expect, it } from 'vitest'
import { bundleCall, loadFixture, RUNTIME_ENTRY, writeTemp } from './generate-helpers.js'

const dir = writeTemp(generate(loadFixture('schema/events.catalog.json'), { runtimeModule: RUNTIME_ENTRY }))

const bundle = (name: string, call: string) => bundleCall(dir, name, call, { production: true })

const MARKS = { identify: ['$identify', '$set_once'], group: ['$groupidentify', 'email-group-key', 'seats'], alias: ['$create_alias'] }

it('an app that only captures events bundles nothing of identify, group or alias', async () => {
  const code = await bundle('authSignup', "{ user_id: 'u_1', method: 'password' }")
  expect(code).toContain('auth.signup')
  for (const mark of Object.values(MARKS).flat()) expect(code, mark).not.toContain(mark)
})

it('an app that identifies bundles identify, and neither group nor alias', async () => {
  const code = await bundle('identify', "'u_1', { set: { tier: 'team' } }")
  for (const mark of MARKS.identify) expect(code, mark).toContain(mark)
  for (const mark of [...MARKS.group, ...MARKS.alias]) expect(code, mark).not.toContain(mark)
  expect(code).not.toContain('auth.signup')
})
