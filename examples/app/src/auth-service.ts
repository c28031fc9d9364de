/** A toy auth service: every operation reports through a generated emitter, never `posthog.capture`. */
import type { Telemetry } from '@herald/runtime'
import { authLogin, group, identify, mfaLockout, mfaVerify, orgCreated, orgMemberAdded, securityRateLimited } from './telemetry/events.js'

export class InvalidCredentials extends Error {}

interface User {
  id: string
  passwordOk: (password: string) => boolean
  totp: string
}

export class AuthService {
  private readonly failures = new Map<string, number>()

  constructor(
    private readonly t: Telemetry,
    private readonly users: ReadonlyMap<string, User>,
  ) {}

  /** The login span: `.start` now, then `.stop` with the outcome, or `.exception` with the error's class. */
  async login(login: string, password: string, ip: string): Promise<string> {
    return authLogin(this.t, { method: 'password', success: false, ip }, async (span) => {
      const user = this.users.get(login)
      if (!user || !user.passwordOk(password)) throw new InvalidCredentials('invalid credentials')
      span.set({ success: true, user_id: user.id })
      // The distinct id is the opaque user id, never the login (an e-mail address): the catalog's privacy.distinctId.
      identify(this.t, user.id, { set: { mfa_enabled: user.totp !== '' } })
      return user.id
    })
  }

  verifyMfa(userId: string, code: string, ip: string): boolean {
    const remaining = 3 - (this.failures.get(userId) ?? 0)
    if (remaining <= 0) {
      securityRateLimited(this.t, { limiter: 'mfa', limit_key: `ip:${ip}`, count: 3 })
      return false
    }
    return mfaVerify(this.t, { user_id: userId, method: 'totp' }, (span) => {
      const ok = [...this.users.values()].some((user) => user.id === userId && user.totp === code)
      if (!ok) this.failures.set(userId, (this.failures.get(userId) ?? 0) + 1)
      span.set({ result: ok ? 'success' : 'failure', attempts_remaining: ok ? remaining : remaining - 1 })
      if (!ok && remaining - 1 === 0) mfaLockout(this.t, { user_id: userId, ip })
      return ok
    })
  }

  /** The org events carry the organization group: its key is hashed as org_id is, so PostHog joins them. */
  createOrg(orgId: string, ownerId: string): void {
    group(this.t, 'organization', orgId, { seats: 1 })
    orgCreated(this.t, { org_id: orgId, user_id: ownerId }, { organization: orgId })
    orgMemberAdded(this.t, { org_id: orgId, user_id: ownerId, role: 'owner' }, { organization: orgId })
  }
}
