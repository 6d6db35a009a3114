import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../harness/conformance/index.js';
import { escapeHtml, htmlReport, PROFILE_VERSION, sequenceDiagram } from '../../harness/report/index.js';

const hostile = '<script>alert("x")</script>';

function result(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'transport.http.method-not-allowed',
    section: 'transport draft "REST Endpoints"',
    level: 'MUST',
    status: 'fail',
    seed: 7,
    durationMs: 3,
    traceHash: 'h',
    evidence: {
      exchanges: [
        { id: 1, source: 'ds.peer-a.test', destination: 'target.test', method: 'DELETE', path: '/group_operation', status: 200, error: null },
        { id: 2, source: 'ds.peer-a.test', destination: 'target.test', method: 'GET', path: `/x${hostile}`, status: null, error: 'ETIMEDOUT' },
      ],
      expected: '405',
      actual: hostile,
    },
    replay: 'npx mimi-harness replay transport.http.method-not-allowed --seed 7',
    ...overrides,
  };
}

describe('the HTML report (issue 11 §4)', () => {
  it('escapes everything that comes from a check or a target', () => {
    expect(escapeHtml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
    const page = htmlReport({ runs: [{ target: hostile, seed: 7, transport: 'tls', results: [result()] }], checks: new Map([['transport.http.method-not-allowed', { quote: hostile }]]), harnessVersion: '0.1.0' });
    expect(page).not.toContain('<script>alert');
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('draws a request and an answer arrow per exchange, between lifelines in order of appearance', () => {
    const svg = sequenceDiagram(result().evidence.exchanges);
    expect(svg.match(/data-kind="request"/g)).toHaveLength(2);
    expect(svg.match(/data-kind="answer"/g)).toHaveLength(2);
    expect(svg.match(/class="lifeline"/g)).toHaveLength(2);
    expect(svg).toContain('DELETE /group_operation');
    expect(svg).toContain('ETIMEDOUT');
  });

  it('has a column per run, marks expected failures, and states seeds and versions', () => {
    const expected = result({ expectedFailure: 'not implemented' });
    const page = htmlReport({ runs: [{ target: 'one', seed: 7, transport: 'tls', results: [result()] }, { target: 'two', seed: 8, transport: 'sockets', results: [expected] }], checks: new Map(), harnessVersion: '9.9.9' });
    expect(page).toContain('<th>one</th><th>two</th>');
    expect(page).toContain('fail (expected)');
    expect(page).toContain('not implemented');
    expect(page).toContain('data-statuses="fail expected"');
    expect(page).toContain('9.9.9');
    expect(page).toContain(`profile version <span id="profile-version">${PROFILE_VERSION}</span>`);
    expect(page).toMatch(/two: seed 8, sockets/);
  });
});
