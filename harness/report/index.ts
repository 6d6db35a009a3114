/**
 * Reports of a conformance run (issue 10 §5), between the runner and the
 * command line: the console progress and summary, the JSON document, JUnit
 * XML, and a replayed result's exchanges.
 *
 * @example
 * import { consoleSummary, summarizeRun } from 'mimi-transport-harness/report';
 */
export { colorLine, wantsColor } from './colors.js';
export { consoleSummary, progressLine, verdictText, type ConsoleSummaryOptions } from './console.js';
export { exchangeBlock, replayLines } from './exchanges.js';
export { bodySummary, canonicalExchanges, exchangeJson, resultJson, runJson, type JsonReportOptions, type RunFacts } from './json.js';
export { junitXml } from './junit.js';
export { categoryOf, gatingLevels, isUnexpectedFailure, runTraceHash, summarizeRun, type CategorySummary, type RunSummary, type StatusCounts } from './summary.js';
export { htmlReport, PROFILE_VERSION, type HtmlCheckInfo, type HtmlReportInput, type HtmlRun } from './html.js';
export { sequenceDiagram } from './html-diagram.js';
export { escapeHtml } from './html-escape.js';
