/** Hands out identifiers that are unique within one generated file. */
export class UniqueNames {
  private readonly used: Set<string>

  constructor(reserved: Iterable<string> = []) {
    this.used = new Set(reserved)
  }

  take(base: string): string {
    let name = base
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`
    this.used.add(name)
    return name
  }
}
