/**
 * Lines of source text that remember where marked pieces start, so the repo maker knows the exact 1-based
 * line and column of every event name, property key and distinct id it writes.
 */
export interface Position {
  line: number
  column: number
}

export interface MarkedPiece {
  text: string
  mark: string
}

export type Piece = string | MarkedPiece

export const marked = (mark: string, text: string): MarkedPiece => ({ text, mark })

export class SourceSnippet {
  readonly lines: string[] = []
  /** Mark → position, with `line` 1-based within this snippet. */
  readonly marks = new Map<string, Position>()

  add(...pieces: Piece[]): this {
    let text = ''
    for (const piece of pieces) {
      if (typeof piece === 'string') text += piece
      else {
        if (this.marks.has(piece.mark)) throw new Error(`mark "${piece.mark}" set twice`)
        this.marks.set(piece.mark, { line: this.lines.length + 1, column: text.length + 1 })
        text += piece.text
      }
    }
    this.lines.push(text)
    return this
  }

  addLines(lines: readonly string[]): this {
    this.lines.push(...lines)
    return this
  }

  /** Appends another snippet; its marks keep their names and move to their new lines. */
  append(other: SourceSnippet): this {
    const offset = this.lines.length
    for (const [mark, position] of other.marks) {
      if (this.marks.has(mark)) throw new Error(`mark "${mark}" set twice`)
      this.marks.set(mark, { line: position.line + offset, column: position.column })
    }
    this.lines.push(...other.lines)
    return this
  }

  position(mark: string): Position {
    const position = this.marks.get(mark)
    if (!position) throw new Error(`no mark "${mark}"`)
    return position
  }

  text(): string {
    return `${this.lines.join('\n')}\n`
  }
}
