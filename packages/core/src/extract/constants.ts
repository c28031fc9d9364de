/**
 * Syntax-only constant resolution, written once for both front-ends: `const` bindings, members of `const`
 * objects (with or without `as const`, or `Object.freeze`), enum members and templates built from them.
 * With `imports`, a front-end that indexes modules (the audit) follows a constant imported from another file.
 */
import type { ConstantSyntax } from './constant-syntax.js'
import { MAX_RESOLVE_DEPTH } from './limits.js'

export class Constants<N, O extends N = N> {
  constructor(readonly syntax: ConstantSyntax<N, O>) {}

  constInit(id: N, imports = false): N | undefined {
    return this.syntax.constInit(id, imports)
  }

  /** Whether an expression (or the object at the root of a member chain) is bound by an `import`. */
  isImported(expression: N): boolean {
    const s = this.syntax
    let node = s.unwrapTypes(expression)
    while (node !== undefined && s.kind(node) === 'member') node = s.unwrapTypes(s.memberObject(node))
    return node !== undefined && s.kind(node) === 'identifier' && s.isImportBinding(node)
  }

  /** The object literal an expression denotes: a literal, a `const` holding one, or a member of one. */
  constObject(expression: N, imports = false, depth = 0): O | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const s = this.syntax
    const node = s.unwrapTypes(expression)
    if (node === undefined) return undefined
    switch (s.kind(node)) {
      case 'object':
        return s.asObject(node)
      case 'identifier': {
        const init = s.constInit(node, imports)
        return init === undefined ? undefined : this.constObject(init, imports, depth + 1)
      }
      case 'member': {
        const value = this.memberValue(node, imports, depth + 1)
        return value === undefined ? undefined : this.constObject(value, imports, depth + 1)
      }
      case 'freeze': {
        // Object.freeze({ … }) is how plain JavaScript writes `as const`
        const argument = s.freezeArgument(node)
        return argument === undefined ? undefined : this.constObject(argument, imports, depth + 1)
      }
      default:
        return undefined
    }
  }

  /** What a member of a constant object or enum holds: `EVENTS.LOGIN`, `EVENTS.auth.LOGIN`, `Events.Login`. */
  memberValue(member: N, imports = false, depth = 0): N | undefined {
    const s = this.syntax
    const name = s.memberName(member)
    if (name === undefined || name.startsWith('#')) return undefined
    const object = s.unwrapTypes(s.memberObject(member))
    if (object === undefined) return undefined
    if (s.kind(object) === 'identifier') {
      const bound = s.boundMember(object, name, imports)
      if (bound !== undefined) return bound
    }
    const container = this.constObject(object, imports, depth + 1)
    return container === undefined ? undefined : s.propertyValue(container, name)
  }

  /** A string a constant expression evaluates to, when it evaluates to exactly one. */
  constantString(expression: N, imports = false, depth = 0): string | undefined {
    if (depth > MAX_RESOLVE_DEPTH) return undefined
    const s = this.syntax
    const node = s.unwrapTypes(expression)
    if (node === undefined) return undefined
    switch (s.kind(node)) {
      case 'string':
        return s.stringValue(node)
      case 'template': {
        const quasis = s.templateQuasis(node)
        const expressions = s.templateExpressions(node)
        let text = quasis[0] ?? ''
        for (let i = 0; i < expressions.length; i++) {
          const part = this.constantString(expressions[i]!, imports, depth + 1)
          if (part === undefined) return undefined
          text += part + (quasis[i + 1] ?? '')
        }
        return text
      }
      case 'identifier': {
        const init = s.constInit(node, imports)
        return init === undefined ? undefined : this.constantString(init, imports, depth + 1)
      }
      case 'member': {
        const value = this.memberValue(node, imports, depth + 1)
        return value === undefined ? undefined : this.constantString(value, imports, depth + 1)
      }
      default:
        return undefined
    }
  }
}
