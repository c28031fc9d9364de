/**
 * Stands in for a posthog-node `PostHog` client: same `capture` shape, no network. A real app passes
 * `new PostHog(key, { host })` instead.
 */
import type { PostHogClient } from '@herald/runtime/posthog'

export type CapturedMessage = Parameters<PostHogClient['capture']>[0]

export class FakePostHog implements PostHogClient {
  readonly captured: CapturedMessage[] = []

  capture(message: CapturedMessage): void {
    this.captured.push(message)
  }

  async flush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}
