/** The command line the two makers share: `N [--seed S] [--out PATH]`, with a usage message on a mistake. */
import { parseArgs } from 'node:util'

export interface MakerArgs {
  count: number
  seed: number
  out?: string
}

export function parseMakerArgs(usage: string, minimum: number): MakerArgs {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: 'string', default: '1' }, out: { type: 'string' } },
  })
  const count = Number(positionals[0])
  const seed = Number(values.seed)
  if (positionals.length !== 1 || !Number.isInteger(count) || count < minimum || !Number.isInteger(seed)) {
    console.error(usage)
    process.exit(2)
  }
  return { count, seed, ...(values.out !== undefined ? { out: values.out } : {}) }
}
