/**
 * Every command's flags: node's `parseArgs`, with Herald's own message for a mistake (an unknown flag with the
 * nearest known one, a value missing) instead of Node's, so every command answers alike.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { nearestNames } from '@herald/core'
import { UsageError } from './io.js'

type Options = NonNullable<ParseArgsConfig['options']>

export function parseFlags<const O extends Options>(
  argv: string[],
  options: O,
): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> {
  const known = { ...options, help: { type: 'boolean', short: 'h' } } as const satisfies Options
  const { tokens } = parseArgs({ args: argv, options: known, allowPositionals: true, strict: false, tokens: true })
  for (const token of tokens) {
    if (token.kind !== 'option') continue
    const option = Object.hasOwn(known, token.name) ? known[token.name as keyof typeof known] : undefined
    if (option === undefined) throw new UsageError(unknownFlag(token.rawName, Object.keys(known)))
    if (option.type === 'string' && token.value === undefined)
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName} <${token.name === 'format' ? 'format' : 'value'}>.`)
    if (option.type === 'boolean' && token.inlineValue) throw new UsageError(`${token.rawName.split('=')[0]} takes no value; pass it alone to turn it on.`)
  }
  return parseArgs({ args: argv, options, allowPositionals: true, strict: true })
}

function unknownFlag(raw: string, names: string[]): string {
  const name = raw.replace(/^-+/, '')
  const near = nearestNames(name, names, (n) => n.toLowerCase().replace(/[-_]/g, ''), { maxDistance: name.length >= 5 ? 3 : 2 })
  const hint = near.length > 0 ? ` Did you mean --${near[0]}?` : ''
  return `unknown option ${raw}.${hint} Options: ${names.map((n) => `--${n}`).join(', ')}.`
}
