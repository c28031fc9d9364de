import { commands } from './commands.js'
import { type CommandIO, EXIT_USAGE, processIO, UsageError } from './io.js'
import { VERSION } from './version.js'

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length))
  const list = Object.entries(commands)
    .map(([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`)
    .join('\n')
  return `herald ${VERSION} — a schema-first telemetry toolkit

Usage: herald <command> [options]

Commands:
${list}

Options:
  -h, --help     Show help (also: herald <command> --help)
  -v, --version  Print the version

Exit codes: 0 success, 1 problems found, 2 usage error.
`
}

export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined
    if (topic && commands[topic]) {
      io.stdout((await commands[topic].load()).help)
      return 0
    }
    io.stdout(mainHelp())
    return name === undefined ? EXIT_USAGE : 0
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${VERSION}\n`)
    return 0
  }
  const entry = commands[name]
  if (!entry) {
    const known = Object.keys(commands)
    const near = known.find((k) => k.startsWith(name.slice(0, 2)))
    io.stderr(`herald: unknown command "${name}".${near ? ` Did you mean "${near}"?` : ''} Commands: ${known.join(', ')}.\nRun herald --help for usage.\n`)
    return EXIT_USAGE
  }
  let command
  try {
    command = await entry.load()
  } catch (error) {
    const missing = missingPeerMessage(error)
    if (missing === undefined) throw error
    io.stderr(`herald ${name}: ${missing}\n`)
    return EXIT_USAGE
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.help)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`herald ${name}: ${usageMessage(error as Error)}\nRun herald ${name} --help for usage.\n`)
      return EXIT_USAGE
    }
    const missing = missingPeerMessage(error)
    if (missing !== undefined) {
      io.stderr(`herald ${name}: ${missing}\n`)
      return EXIT_USAGE
    }
    io.stderr(`herald ${name}: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this; it is a bug in Herald, not in your input.\n`)
    return 70
  }
}

/** Node's parseArgs text names its own workaround (`-- "--x"`); a command that did not use parseFlags gets ours. */
function usageMessage(error: Error): string {
  if (error instanceof UsageError) return error.message
  const unknown = /^Unknown option '([^']+)'/.exec(error.message)
  return unknown ? `unknown option ${unknown[1]}.` : error.message.split('. To specify')[0]!
}

/**
 * `typescript` (a peer dependency: the audit, `init --from-code`, generated code and validators run on the project's
 * own) not installed: a sentence saying so and how to install it, instead of an internal error; undefined for any
 * other error.
 */
export function missingPeerMessage(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(String((error as Error).message))?.[1]
  if (missing !== 'typescript') return undefined
  return 'needs the typescript package, a peer dependency of @herald/cli, and it is not installed here. Install it: npm i -D typescript'
}
