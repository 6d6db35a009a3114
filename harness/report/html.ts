import type { CheckLevel, CheckResult } from '../conformance/index.js';
import { escapeHtml } from './html-escape.js';
import { evidenceHtml, statusClass, statusLabel } from './html-evidence.js';
import { REPORT_CSS, REPORT_SCRIPT } from './html-page.js';
import { categoryOf } from './summary.js';

/** The version of docs/PROFILE.md the harness implements ("Profile version 1"). */
export const PROFILE_VERSION = 1;

/** One run of the catalog against one target: a column of the report's matrix. */
export interface HtmlRun {
  readonly target: string;
  readonly seed: number;
  readonly transport: string;
  readonly results: readonly CheckResult[];
}

/** What the report shows of a check besides its results (from the catalog). */
export interface HtmlCheckInfo {
  readonly quote: string;
}

/** Input of {@link htmlReport}. */
export interface HtmlReportInput {
  readonly runs: readonly HtmlRun[];
  /** The catalog's checks by id, for their quotes. */
  readonly checks: ReadonlyMap<string, HtmlCheckInfo>;
  readonly harnessVersion: string;
}

interface Row {
  readonly id: string;
  readonly section: string;
  readonly level: CheckLevel;
  readonly byTarget: ReadonlyMap<number, CheckResult>;
}

function rowsOf(runs: readonly HtmlRun[]): Row[] {
  const rows = new Map<string, { id: string; section: string; level: CheckLevel; byTarget: Map<number, CheckResult> }>();
  runs.forEach((run, column) => {
    for (const result of run.results) {
      const row = rows.get(result.id) ?? { id: result.id, section: result.section, level: result.level, byTarget: new Map<number, CheckResult>() };
      row.byTarget.set(column, result);
      rows.set(result.id, row);
    }
  });
  return [...rows.values()];
}

const options = (name: string, values: readonly string[]) => `<label>${name} <select data-filter="${name}"><option value="">all</option>${values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join('')}</select></label>`;
const anchor = (id: string) => `check-${id}`;
const dataOf = (row: Row) => `data-check="${escapeHtml(row.id)}" data-category="${escapeHtml(categoryOf(row.id))}" data-level="${row.level}" data-statuses="${[...new Set([...row.byTarget.values()].map(statusClass))].join(' ')}"`;

/**
 * The self-contained HTML report of one or more runs (issue 11 §4): a
 * matrix of checks by target and status, filterable by category, level and
 * status; per check its section, quote, level and, per target, its evidence
 * with a sequence diagram of its exchanges and the replay command; the
 * seeds, the harness version and the profile version. Inline CSS, script
 * and SVG only: the page fetches nothing. Everything shown is escaped.
 *
 * @example
 * writeFileSync('report/index.html', htmlReport({ runs: [{ target: 'reference', seed: 1, transport: 'tls', results }], checks, harnessVersion: '0.1.0' }));
 */
export function htmlReport(input: HtmlReportInput): string {
  const rows = rowsOf(input.runs);
  const heads = input.runs.map((run) => `<th>${escapeHtml(run.target)}</th>`).join('');
  const matrix = rows.map((row) => {
    const cells = input.runs.map((_run, column) => {
      const result = row.byTarget.get(column);
      return result === undefined ? '<td>—</td>' : `<td><span class="badge ${statusClass(result)}">${escapeHtml(statusLabel(result))}</span></td>`;
    });
    return `<tr ${dataOf(row)}><td><a href="#${escapeHtml(anchor(row.id))}" data-open="${escapeHtml(anchor(row.id))}">${escapeHtml(row.id)}</a></td><td>${row.level}</td>${cells.join('')}</tr>`;
  });
  const sections = rows.map((row) => {
    const quote = input.checks.get(row.id)?.quote;
    const evidence = input.runs.map((run, column) => {
      const result = row.byTarget.get(column);
      return result === undefined ? '' : evidenceHtml(result, run.target);
    });
    return `<details class="check" id="${escapeHtml(anchor(row.id))}" ${dataOf(row)}><summary><code>${escapeHtml(row.id)}</code> ${row.level}: ${escapeHtml(row.section)}</summary>${quote === undefined ? '' : `<blockquote>${escapeHtml(quote)}</blockquote>`}${evidence.join('')}</details>`;
  });
  const runs = input.runs.map((run) => `<li>${escapeHtml(run.target)}: seed ${run.seed}, ${escapeHtml(run.transport)}, ${run.results.length} checks</li>`).join('');
  const categories = [...new Set(rows.map((row) => categoryOf(row.id)))];
  const statuses = [...new Set(rows.flatMap((row) => [...row.byTarget.values()].map(statusClass)))].sort();
  const filters = `<div class="filters">${options('category', categories)}${options('level', ['MUST', 'SHOULD', 'MAY', 'PROFILE'])}${options('status', statuses)} <span><span id="shown">${rows.length}</span> of ${rows.length} checks shown</span></div>`;
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>mimi-harness report</title>',
    `<style>${REPORT_CSS}</style></head><body>`,
    `<h1>mimi-harness report</h1><p>harness version <span id="harness-version">${escapeHtml(input.harnessVersion)}</span>, profile version <span id="profile-version">${PROFILE_VERSION}</span></p><ul class="runs">${runs}</ul>`,
    filters,
    `<table class="matrix"><thead><tr><th>check</th><th>level</th>${heads}</tr></thead><tbody>${matrix.join('')}</tbody></table>`,
    sections.join(''),
    `<script>${REPORT_SCRIPT}</script></body></html>`,
  ].join('\n');
}
