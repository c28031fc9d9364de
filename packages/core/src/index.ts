export type {
  Catalog,
  CatalogEvent,
  Category,
  Deprecation,
  EventKind,
  EventLevel,
  GroupType,
  JsonType,
  PersonProperties,
  PiiLevel,
  PrivacyPolicy,
  PropertySchema,
  Transform,
  WireEvent,
  WirePhase,
} from './catalog.js'
export { SPAN_EXCEPTION_PROPERTY, SPAN_STOP_PROPERTY } from './catalog.js'
export { CatalogError, compareDiagnostics, type Diagnostic, type DiagnosticCode, formatDiagnostic } from './diagnostics.js'
export type { CatalogFileReader } from './extend-catalog.js'
export { loadCatalog, loadCatalogOrThrow, loadCatalogSync, type LoadOptions, type LoadResult, parseCatalog, readCatalogFile } from './load-catalog.js'
export {
  DEFAULT_NAMING,
  eventIdentifier,
  isSdkEventName,
  NAMING_STYLES,
  type NamingPolicy,
  namingPolicy,
  type NamingStyle,
  normalizeEventName,
  SDK_EVENT_NAMES,
} from './naming.js'
export type { Dashboard, FunnelInsight, Insight, InsightSeries, SeriesMath, TrendsInsight } from './dashboards.js'
export { PROPERTY_MATHS } from './dashboards.js'
export { NameIndex, nearestNames } from './suggest.js'
export type { Position } from './source-document.js'
export type {
  CallSite,
  CallSiteKind,
  DistinctIdRef,
  EventNameRef,
  Finding,
  PropertiesRef,
  PropertyKeyRef,
  PropertyValueKind,
  RuleId,
} from './call-site.js'
export { displayExpression, RECOMMENDED_SEVERITY, RULE_IDS } from './call-site.js'
export { CATALOG_RULES, PEOPLE_RULES, RULE_BY_ID, RULES, type RuleDefinition, type RuleMessages } from './rules/index.js'
export { defineRule } from './rules/define-rule.js'
export { RULE_DOCS, RULE_DOCS_BASE, RULE_TABLE_MARKERS, type RuleDocs, ruleDocsUrl, ruleTableMarkdown, withRuleTable } from './rule-docs.js'
export { CHECKER_MESSAGES, type CheckerMessageId, checkCallSite, type CheckOptions, renderMessage } from './check-call-site.js'
export {
  type CallShape,
  constantObjectCallees,
  type DeclaredAt,
  declaredInCallees,
  findMatcher,
  isDeclaredIn,
  type HeraldSettings,
  isForwardedName,
  type WrapperScope,
  type Matcher,
  MATCHER_KINDS,
  type MatcherKind,
  mayContainCapture,
  renamedCalleeCandidates,
  PRESET_NAMES,
  DEFAULT_PRESETS,
  ruleOptions,
  type RuleSetting,
  FUNCTION_HOOKS,
  type PresetName,
  PRESETS,
  prefilterWords,
  prefilterWordSets,
  namesCallee,
  resolveMatchers,
  settingsProblems,
} from './matchers.js'
export { matcherHint, type UnmatchedMatcher, unmatchedMatchers } from './unmatched-matchers.js'
export { BUILTIN_FORBIDDEN_KEYS, isForbiddenKey, splitKeyWords } from '@herald/runtime'
export {
  type BuiltCallSite,
  type CallSyntax,
  type Binding,
  type BindingSyntax,
  type ConstantKind,
  Constants,
  type ConstantSyntax,
  type ExtractedKeyRef,
  type DescribedCall,
  type ExtractOptions,
  Extractor,
  type FunctionNaming,
  type FunctionUse,
  type KeyTarget,
  type NameOptions,
  type NameTarget,
  Origins,
  type PickedArguments,
  type PropertyOptions,
  MAX_KEYS,
  MAX_NAMES,
  MAX_NESTING,
  MAX_RESOLVE_DEPTH,
  SAME_VALUE_METHODS,
  declaredAtFrom,
  isPathSpecifier,
  type ImportedFunction,
  type WrapperProperties,
  type WrapperPropertiesOf,
  wrapperPropertiesOf,
} from './extract/index.js'
export { clearCatalogCache, loadCatalogCached } from './catalog-cache.js'
export {
  type GeneratedFile,
  type Generator,
  generatedHeader,
  generatedNotice,
  type HeaderStyle,
} from './generated-file.js'
export {
  DEFAULT_CATALOG_PATH,
  discoverHeraldConfigSettingsSync,
  findHeraldConfig,
  findHeraldProject,
  HERALD_CONFIG_FILES,
  HeraldConfigError,
  type HeraldConfigSettings,
  heraldConfigSettings,
  isHeraldConfigFile,
  type LoadedHeraldConfig,
  loadHeraldConfig,
  loadHeraldConfigSync,
} from './config-file.js'
export { META_SCHEMA_FILE, metaSchemaPathFor } from './meta-schema-path.js'
export {
  CHANGE_KINDS,
  type CatalogChange,
  type CatalogVersion,
  type ChangeId,
  type ChangeKind,
  compareCatalogs,
  type EventHistoryEntry,
  eventHistory,
  requiredBump,
} from './diff/index.js'
export {
  DEFAULT_VERSION_STAMPS,
  eventVersion,
  isStampProperty,
  ownProperties,
  POSTHOG_RESERVED_PROPERTIES,
  reservedStampName,
  SEGMENT_RESERVED_PROPERTIES,
  stampValues,
  type VersionStamps,
} from './version-stamps.js'
export { INVISIBLE_CHARACTERS, utf16Escape, visibleData, visibleText } from './visible-text.js'
export {
  defaultCompilerOptions,
  moduleResolver,
  type ResolvedOptions,
  readTsconfigOptions,
  TsconfigError,
  type TsconfigReader,
  TsconfigResolver,
  type TsconfigWarning,
  type TypeScriptApi,
} from './tsconfig.js'
export { declaresWorkspace, findWorkspaces, findWorkspacesSync, pnpmPatterns, type WorkspacePackage, Workspaces } from './workspaces.js'
export { ProjectModules, unresolvedImportMessage } from './project-modules.js'
