/** @herald/verify: checks event files that services really sent against the catalog. */
export { compileValidatorModule, type EventValidator, loadValidatorModule, type ValidatorModule } from './compile-validators.js'
export { EventChecker, MAX_INPUT_PROBLEMS_PER_FILE, redactedSample } from './event-checker.js'
export { formatGithub, formatJson, formatMarkdown, formatPretty, formatSarif } from './format-report.js'
export { detectFormat, eventsOfLine, INPUT_FORMATS, type InputFormat, type SentEvent } from './input-formats.js'
export { luhn, personalDataKind, type PiiKind } from './pii-values.js'
export { type EventStats, mergeReports, VERIFY_REPORT_FORMAT_VERSION, type VerifyFinding, type VerifyReport, type VerifyRuleId } from './report.js'
export { type EventConsumer, fileSource, type InputSource, type VerifyOptions, verifySource, verifySources } from './verify-files.js'
export { draftCatalogFromEvents, type EventsDraft, type EventsDraftOptions } from './draft-from-events.js'
