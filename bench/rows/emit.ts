/**
 * emit, emit-hash, emit-dev: a generated emitter with its 10-key event, through the whole pipeline into a
 * sink that serializes each event to a JSON string (with the runtime's serializer), vs `JSON.stringify` of the
 * same properties object. In-process, alternating batches of both sides; nanoseconds an event.
 */
import type { Sink, TelemetryEvent } from '@herald/runtime'
import type { BenchContext, RowRun } from '../bench-context.js'
import { BENCH_SALT, CHECKOUT_PROPERTIES } from '../emit-fixture.js'
import { type Emitter, loadEmitters } from '../emitters.js'
import { blackhole, interleave, nsPerOp, WARM_UP_BATCHES } from '../measure.js'

export type EmitVariant = 'emit' | 'emit-hash' | 'emit-dev'

const DESCRIPTION: Record<EmitVariant, string> = {
  emit: 'production, no hashed field',
  'emit-hash': 'production, one hashed field',
  'emit-dev': 'development, with validation',
}

export async function benchEmit(ctx: BenchContext, variant: EmitVariant): Promise<RowRun> {
  const ops = ctx.quick ? 10_000 : 50_000
  const label = `${variant} (${DESCRIPTION[variant]})`
  const loaded = await loadEmitters(ctx)
  if (!loaded.ok) return { label, measurement: { kind: 'not built', reason: loaded.reason } }
  const { runtime } = loaded.value
  const emitter: Emitter = variant === 'emit-hash' ? loaded.value.checkoutCompletedHashed : loaded.value.checkoutCompleted

  let delivered = 0
  let last: TelemetryEvent | undefined
  const warnings: string[] = []
  const sink: Sink = {
    name: 'serialize',
    write(event) {
      // Reading the last character flattens a concatenated string, as writing it anywhere would.
      const json = runtime.serializeEvent(event)
      blackhole.length += json.charCodeAt(json.length - 1)
      last = event
      delivered++
    },
  }
  const t = runtime.createTelemetry({
    sinks: [sink],
    enabled: true,
    salt: BENCH_SALT,
    env: variant === 'emit-dev' ? 'development' : 'production',
    // The mode is set above; a user's DO_NOT_TRACK or NODE_ENV must not change what is measured.
    envVars: {},
    onWarn: (warning) => warnings.push(`${warning.kind}: ${warning.message}`),
  })
  const properties = { ...CHECKOUT_PROPERTIES }
  const herald = () => Promise.resolve(nsPerOp(ops, () => emitter(t, properties)))
  const baseline = () => Promise.resolve(nsPerOp(ops, () => JSON.stringify(properties)))

  await interleave(WARM_UP_BATCHES, herald, baseline)
  if (delivered !== WARM_UP_BATCHES * ops)
    return {
      label,
      measurement: { kind: 'error', message: `the sink received ${delivered} of ${WARM_UP_BATCHES * ops} events${warnings[0] ? ` (${warnings[0]})` : ''}` },
    }
  const notes = [`${ops.toLocaleString('en')} events a batch, in-process`]
  if (variant === 'emit-hash' && last?.properties.order_id === CHECKOUT_PROPERTIES.order_id) notes.push('order_id reached the sink unhashed')
  if (warnings.length > 0) notes.push(`warnings: ${warnings.slice(0, 2).join('; ')}`)

  const runs = await interleave(ctx.rounds.micro, herald, baseline)
  return { label, measurement: { kind: 'measured', herald: runs.herald, baseline: runs.baseline, notes } }
}
