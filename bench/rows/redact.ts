/**
 * redact: Herald's redaction + serialization of a 10-key object with 3 denied keys — the generated `redactJson`,
 * which writes the allowlisted properties' JSON in one pass — vs fast-redact removing the same 3 paths (and
 * serializing, its default). In-process. Both outputs are checked to be the same JSON text.
 */
import { createHmac } from 'node:crypto'
import { join } from 'node:path'
import fastRedact from 'fast-redact'
import type { TelemetryHasher } from '@herald/runtime'
import type { BenchContext, RowRun } from '../bench-context.js'
import { BENCH_SALT, DENIED_KEYS, loadEmitCatalog, PROFILE_WITH_SECRETS } from '../emit-fixture.js'
import { generateInto, importGeneratedExport } from '../generated-code.js'
import { interleave, nsPerOp, WARM_UP_BATCHES } from '../measure.js'

type RedactJson = (event: string, properties: Record<string, unknown>, hasher: TelemetryHasher) => string | undefined

/** `profile.updated` hashes nothing; a real HMAC keeps the hasher honest should that change. */
const key = Buffer.from(BENCH_SALT, 'hex')
const hasher: TelemetryHasher = { hash: (value) => createHmac('sha256', key).update(String(value)).digest('hex') }

export async function benchRedact(ctx: BenchContext): Promise<RowRun> {
  const ops = ctx.quick ? 10_000 : 50_000
  const label = 'redact (10 keys, 3 denied)'
  const dir = join(ctx.out, 'redact')
  const files = await generateInto('@herald/generator-redaction', loadEmitCatalog(), dir)
  if (!files.ok) return { label, measurement: { kind: 'not built', reason: files.reason } }
  const loaded = await importGeneratedExport<RedactJson>(dir, files.value, 'redactJson')
  if (!loaded.ok) return { label, measurement: { kind: 'not built', reason: loaded.reason } }
  const redactJson = loaded.value

  const input: Record<string, unknown> = { ...PROFILE_WITH_SECRETS }
  const baselineRedact = fastRedact({ paths: [...DENIED_KEYS], remove: true })
  const heraldText = String(redactJson('profile.updated', input, hasher))
  const baselineText = String(baselineRedact(input))
  const notes = [`${ops.toLocaleString('en')} objects a batch, in-process`]
  if (DENIED_KEYS.some((k) => heraldText.includes(k))) notes.push(`herald's output still holds a denied key: ${heraldText}`)
  if (heraldText !== baselineText) notes.push(`outputs differ: herald ${heraldText}, fast-redact ${baselineText}`)

  // Reading the last character flattens a concatenated string, as writing it anywhere would: both sides pay it.
  const lastChar = (text: string) => text.charCodeAt(text.length - 1)
  const herald = () => Promise.resolve(nsPerOp(ops, () => lastChar(redactJson('profile.updated', input, hasher)!)))
  const baseline = () => Promise.resolve(nsPerOp(ops, () => lastChar(baselineRedact(input) as string)))
  await interleave(WARM_UP_BATCHES, herald, baseline)
  const runs = await interleave(ctx.rounds.micro, herald, baseline)
  return { label, measurement: { kind: 'measured', herald: runs.herald, baseline: runs.baseline, notes } }
}
