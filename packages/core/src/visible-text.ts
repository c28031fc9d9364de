/**
 * Bidirectional overrides and zero-width characters make text read as something else (Trojan Source). Wherever
 * Herald shows text from a catalog or a source file — generated comments and string literals, diagnostics, lint
 * and audit messages — they are written as escapes (`\u202E`), visible and unambiguous.
 */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g

/** `\uXXXX` for one UTF-16 code unit. */
export function utf16Escape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** `text` with every invisible or direction-changing character written as its escape. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE_CHARACTERS, utf16Escape)
}

/** `visibleText` over the values of a message's data. */
export function visibleData(data: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(data)) out[key] = visibleText(value)
  return out
}
