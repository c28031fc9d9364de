/**
 * A one-line progress display for long audits on a terminal: it appears only once a run has lasted a while,
 * redraws at most ten times a second, and erases itself when done. The CLI shows it only when stderr is a
 * TTY and CI is unset, so logs never fill with it.
 */
import type { AuditProgress } from './audit-repo.js'

export interface ProgressLine {
  update(progress: AuditProgress): void
  done(): void
}

export function progressLine(write: (text: string) => void, options: { delayMs?: number; now?: () => number } = {}): ProgressLine {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const delay = options.delayMs ?? 800
  let lastDraw = -Infinity
  let shown = false
  return {
    update(progress) {
      const t = now()
      if (t - started < delay || t - lastDraw < 100) return
      lastDraw = t
      shown = true
      const what = progress.phase === 'scan' ? 'scanning files' : 'typing files that need types'
      const width = 24
      const filled = progress.total === 0 ? width : Math.round((progress.done / progress.total) * width)
      write(
        `\r\x1b[K herald audit [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')} ${what}`,
      )
    },
    done() {
      if (shown) write('\r\x1b[K')
    },
  }
}
