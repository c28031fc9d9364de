/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then 62 random bits.
 * Written here because `crypto.randomUUID` only makes v4 and the runtime takes no dependencies.
 * Ids from one process sort in the order they were made (RFC 9562 §6.2, method 1), so receivers can
 * dedupe by id and a buffer file reads in time order.
 */
import { randomFillSync } from 'node:crypto'

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
// Two bytes seed the counter, eight make the 62 random bits (and the 2 variant bits).
const RANDOM_BYTES_PER_ID = 10
// One `randomFillSync` call serves a thousand ids: a call per id costs more than the rest of the id.
const pool = Buffer.allocUnsafe(1024 * RANDOM_BYTES_PER_ID)
let poolOffset = pool.length

let lastMs = -1
let counter = 0
/** `xxxxxxxx-xxxx-` for `lastMs`: formatted once per millisecond, not once per id. */
let timePrefix = ''
let timePrefixMs = -1
const COUNTER_MAX = 0xfff

function nextRandomOffset(): number {
  if (poolOffset >= pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const offset = poolOffset
  poolOffset += RANDOM_BYTES_PER_ID
  return offset
}

/** A counter seed below 2048 leaves at least 2048 ids per millisecond before the clock must be borrowed. */
function seedCounter(randomByte: number, otherByte: number): number {
  return ((randomByte & 0x07) << 8) | otherByte
}

/** A new UUIDv7 string, e.g. `0190f3a2-5b1c-7a3e-9c4d-1e2f3a4b5c6d`. `now` is for tests. */
export function uuidv7(now: number = Date.now()): string {
  const r = nextRandomOffset()
  if (now > lastMs) {
    lastMs = now
    counter = seedCounter(pool[r]!, pool[r + 1]!)
  } else if (counter < COUNTER_MAX) {
    // Same millisecond, or the clock went back: keep the order by counting instead.
    counter++
  } else {
    // 4096 ids in one millisecond: borrow the next millisecond rather than lose the order.
    lastMs++
    counter = seedCounter(pool[r]!, pool[r + 1]!)
  }
  if (timePrefixMs !== lastMs) {
    const time = lastMs.toString(16).padStart(12, '0')
    timePrefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-`
    timePrefixMs = lastMs
  }
  return (
    timePrefix +
    HEX[0x70 | (counter >> 8)]! +
    HEX[counter & 0xff]! +
    '-' +
    HEX[0x80 | (pool[r + 2]! & 0x3f)]! +
    HEX[pool[r + 3]!]! +
    '-' +
    HEX[pool[r + 4]!]! +
    HEX[pool[r + 5]!]! +
    HEX[pool[r + 6]!]! +
    HEX[pool[r + 7]!]! +
    HEX[pool[r + 8]!]! +
    HEX[pool[r + 9]!]!
  )
}

/** The Unix milliseconds a UUIDv7 carries. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)
}
