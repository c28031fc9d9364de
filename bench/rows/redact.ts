/**
 * redact: Herald's generated redactor for a 7-key event applied to a 10-key object (3 denied keys), then
 * `JSON.stringify`, vs fast-redact removing the same 3 paths (and serializing, its default). In-process.
 */
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import fastRedact from 'fast-redact'
import type { TelemetryHasher } from '@herald/runtime'
import type { BenchContext, RowRun } from '../bench-context.js'
import { BENCH_SALT, DENIED_KEYS, loadEmitCatalog, PROFILE_WITH_SECRETS } from '../emit-fixture.js'
import { generateInto, importGeneratedExport } from '../generated-code.js'
import { interleave, nsPerOp, WARM_UP_BATCHES } from '../measure.js'

type Redact = (event: string, properties: Record<string, unknown>, hasher: TelemetryHasher) => Record<string, unknown> | undefined

/** `profile.updated` hashes nothing; a real HMAC keeps the hasher honest should that change. */
const key = Buffer.from(BENCH_SALT, 'hex')
const hasher: TelemetryHasher = { hash: (value) => createHmac('sha256', key).update(String(value)).digest('hex') }

export async function benchRedact(ctx: BenchContext): Promise<RowRun> {
  const ops = ctx.quick ? 10_000 : 50_000
  const label = 'redact (10 keys, 3 denied)'
  const dir = join(ctx.out, 'redact')
  const files = await generateInto('@herald/generator-redaction', loadEmitCatalog(), dir)
  if (!files.ok) return { label, measurement: { kind: 'not built', reason: files.reason } }
  const loaded = await importGeneratedExport<Redact>(dir, files.value, 'redact')
  if (!loaded.ok) return { label, measurement: { kind: 'not built', reason: loaded.reason } }
  const redact = loaded.value

  const input: Record<string, unknown> = { ...PROFILE_WITH_SECRETS }
  const baselineRedact = fastRedact({ paths: [...DENIED_KEYS], remove: true })
  const heraldText = JSON.stringify(redact('profile.updated', input, hasher))
  const baselineText = String(baselineRedact(input))
  const notes = [`${ops.toLocaleString('en')} objects a batch, in-process`]
  if (DENIED_KEYS.some((k) => heraldText.includes(k))) notes.push(`herald's output still holds a denied key: ${heraldText}`)
  if (heraldText !== baselineText) notes.push(`outputs differ: herald ${heraldText}, fast-redact ${baselineText}`)

  const herald = () => Promise.resolve(nsPerOp(ops, () => JSON.stringify(redact('profile.updated', input, hasher))))
  const baseline = () => Promise.resolve(nsPerOp(ops, () => baselineRedact(input) as string))
  await interleave(WARM_UP_BATCHES, herald, baseline)
  const runs = await interleave(ctx.rounds.micro, herald, baseline)
  return { label, measurement: { kind: 'measured', herald: runs.herald, baseline: runs.baseline, notes } }
}
