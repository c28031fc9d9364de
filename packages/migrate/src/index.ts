/** @herald/migrate: raw capture calls rewritten into calls of Herald's generated emitters (`herald migrate`). */
export {
  type FileChange,
  type LeftReason,
  type LeftSite,
  migrate,
  type MigratedSite,
  type MigrateOptions,
  type MigrationResult,
  moduleSpecifier,
} from './migrate.js'
export { formatMigration, unifiedDiff } from './format.js'
