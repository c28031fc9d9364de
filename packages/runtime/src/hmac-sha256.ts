/**
 * HMAC-SHA256 of strings, for the hashed fields of events. HMAC hashes two blocks derived from the key
 * alone (key XOR ipad, key XOR opad) before any value; they are compressed once, here, when the key is set,
 * so each value costs only its own blocks and the one outer block: two SHA-256 compressions for a value of
 * up to 55 bytes. `node:crypto` redoes the key blocks on every call and builds an object per call, which
 * for the short values telemetry hashes costs more than the hashing (measured: 1.4 µs a value against 0.8
 * µs here; @noble/hashes' HMAC, 2.6 µs). It uses no Node API (TextEncoder, typed arrays), so the browser
 * build hashes with it too; in Node, values longer than the scratch buffer go to `node:crypto`.
 *
 * Correctness is checked against `node:crypto` by property tests over arbitrary strings (lone surrogates,
 * astral characters, every length across the block boundaries), and at run time once a key: `keyedHash`
 * uses a key's `HmacSha256` only after one value hashed both ways agrees. The scratch buffers are wiped
 * after each value, so no raw value stays in memory.
 */

/** The first 32 bits of the fractional part of `root(prime)` for the first `count` primes (FIPS 180-4, 4.2.2 and 5.3.3). */
function primeRoots(count: number, root: (x: number) => number): Int32Array {
  const out = new Int32Array(count)
  for (let candidate = 2, found = 0; found < count; candidate++) {
    let prime = true
    for (let d = 2; d * d <= candidate; d++) if (candidate % d === 0) prime = false
    if (prime) {
      const r = root(candidate)
      out[found++] = ((r - Math.floor(r)) * 2 ** 32) | 0
    }
  }
  return out
}

// Computed rather than listed, to keep bundles small; `keyedHash` compares a result with node:crypto before
// a key is used, so an engine whose roots were off would fall back rather than hash wrong.
const K = primeRoots(64, Math.cbrt)
const IV = primeRoots(8, Math.sqrt)

const BLOCK = 64
/** The longest value hashed here, in UTF-16 code units (at most 3 UTF-8 bytes each). */
export const MAX_HMAC_VALUE_LENGTH = 1024
const W = new Int32Array(64)
const STATE = new Int32Array(8)
// The value's UTF-8 bytes, the 0x80 end marker, zero padding and the 8-byte length.
const BYTES = new Uint8Array(MAX_HMAC_VALUE_LENGTH * 3 + BLOCK + 9)
const UTF8 = new TextEncoder()
// The digest is written as ASCII codes and decoded to one flat string: concatenating two-digit strings builds
// a rope that the serializer must flatten again (docs/performance.md, the emit rows).
const HEX_DIGITS = new Uint8Array(64)
const DIGITS = UTF8.encode('0123456789abcdef')
const ASCII = new TextDecoder()

/** Loads the 64-byte block at `offset` into the first 16 words of the message schedule. */
function load(block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4
    W[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) | block[j + 3]!
  }
}

/** One SHA-256 compression of the loaded block into `state`; the message schedule is extended as the rounds go. */
function compress(state: Int32Array): void {
  let a = state[0]!
  let b = state[1]!
  let c = state[2]!
  let d = state[3]!
  let e = state[4]!
  let f = state[5]!
  let g = state[6]!
  let h = state[7]!
  for (let i = 0; i < 64; i++) {
    let w: number
    if (i < 16) w = W[i]!
    else {
      const w15 = W[i - 15]!
      const w2 = W[i - 2]!
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3)
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10)
      w = W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0
    }
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w) | 0
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
    h = g
    g = f
    f = e
    e = (d + t1) | 0
    d = c
    c = b
    b = a
    a = (t1 + t2) | 0
  }
  state[0] = (state[0]! + a) | 0
  state[1] = (state[1]! + b) | 0
  state[2] = (state[2]! + c) | 0
  state[3] = (state[3]! + d) | 0
  state[4] = (state[4]! + e) | 0
  state[5] = (state[5]! + f) | 0
  state[6] = (state[6]! + g) | 0
  state[7] = (state[7]! + h) | 0
}

/** HMAC-SHA256 under one key, with the key's two blocks compressed ahead. */
export class HmacSha256 {
  private readonly inner = new Int32Array(8)
  private readonly outer = new Int32Array(8)

  /** `key`: at most 64 bytes (a Herald salt is 32). */
  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new RangeError('HmacSha256 takes keys of at most 64 bytes')
    const pad = new Uint8Array(BLOCK)
    for (const [state, byte] of [
      [this.inner, 0x36],
      [this.outer, 0x5c],
    ] as const) {
      pad.fill(byte)
      for (let i = 0; i < key.length; i++) pad[i]! ^= key[i]!
      state.set(IV)
      load(pad, 0)
      compress(state)
    }
    pad.fill(0)
  }

  /** The lowercase hex HMAC of `value`'s UTF-8 bytes; values over `MAX_HMAC_VALUE_LENGTH` use a buffer of their own. */
  hex(value: string): string {
    const bytes = value.length > MAX_HMAC_VALUE_LENGTH ? new Uint8Array(value.length * 3 + BLOCK + 9) : BYTES
    // Inner hash: (key ^ ipad) ‖ value, padded; the key block is already in `inner`. ASCII is copied here;
    // anything else goes through the UTF-8 encoder (a lone surrogate becomes U+FFFD, as in node:crypto).
    let length = value.length
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i)
      if (c >= 0x80) {
        length = UTF8.encodeInto(value, bytes).written
        break
      }
      bytes[i] = c
    }
    const bits = (BLOCK + length) * 8
    // The end marker, zeros, and the bit length (of key block and value) in the last 8 bytes of a block.
    const end = (length + 9 + BLOCK - 1) & ~(BLOCK - 1)
    bytes[length] = 0x80
    bytes.fill(0, length + 1, end - 4)
    bytes[end - 4] = bits >>> 24
    bytes[end - 3] = (bits >>> 16) & 0xff
    bytes[end - 2] = (bits >>> 8) & 0xff
    bytes[end - 1] = bits & 0xff
    const state = STATE
    state.set(this.inner)
    for (let offset = 0; offset < end; offset += BLOCK) {
      load(bytes, offset)
      compress(state)
    }
    // Outer hash: (key ^ opad) ‖ inner digest, padded to one block of 96 bytes in all, written as words.
    for (let i = 0; i < 8; i++) W[i] = state[i]!
    W[8] = 0x80000000 | 0
    for (let i = 9; i < 15; i++) W[i] = 0
    W[15] = 96 * 8
    state.set(this.outer)
    compress(state)
    for (let i = 0; i < 64; i++) HEX_DIGITS[i] = DIGITS[(state[i >> 3]! >>> (28 - 4 * (i & 7))) & 15]!
    const hex = ASCII.decode(HEX_DIGITS)
    // Wipe what held the value.
    bytes.fill(0, 0, end)
    W.fill(0)
    return hex
  }
}
