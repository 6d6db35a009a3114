import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../scenarios/index.js';
import { STATEMENTS } from '../../scenarios/traceability/index.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const SOURCES = ['docs/drafts/draft-kohbrok-mimi-transport-00.md', 'docs/drafts/draft-robert-mimi-delivery-service-2023-08-16.md', 'docs/PROFILE.md'].map(read);

/** Markup, typographic quotes and runs of white space do not count when a quote is compared with its source. */
const normal = (text: string) => text.replace(/[`*]/g, '').replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
const CORPUS = normal(SOURCES.join(' '));
const HEADINGS = SOURCES.flatMap((source) => [...source.matchAll(/^#+\s*(.+?)\s*(?:\{#.*\})?$/gm)].map((m) => normal(m[1] ?? '')));

/** The fragments of a quote between its ellipses that are not in the drafts or the profile. */
const unquoted = (quote: string) => quote.split(/…|\.\.\./).map((f) => f.trim().replace(/^[.,;: ]+|[.,;: ]+$/g, '')).filter((f) => f.length > 3 && !CORPUS.includes(normal(f)));

/** Section titles a `section` names in double quotes that are no heading of the drafts or the profile. */
const unknownSections = (section: string) => [...section.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '').filter((title) => !HEADINGS.some((h) => h.includes(normal(title))));

describe('what the catalog cites is in the drafts (issue 10 §2: "the draft section(s), with a short quote")', () => {
  it('every check quotes the drafts or the profile verbatim (ellipses aside)', () => {
    expect(CATALOG.flatMap((c) => unquoted(c.quote).map((f) => `${c.id}: "${f}"`))).toEqual([]);
  });

  it('every section title a check or a statement names is a heading of the drafts or the profile', () => {
    expect([...CATALOG.map((c) => [c.id, c.section] as const), ...STATEMENTS.filter((s) => s.source !== 'PROFILE').map((s) => [s.id, `"${s.section}"`] as const)].flatMap(([id, section]) => unknownSections(section).map((t) => `${id}: "${t}"`))).toEqual([]);
  });

  it('catches a made-up quote and a made-up section', () => {
    expect(unquoted('the DS forwards the message to all members of the group')).toHaveLength(1);
    expect(unquoted('Servers MUST read the body of these GETs … sent with Content-Length')).toEqual([]);
    expect(unknownSections('DS draft "Delete a group"; "Create group"')).toEqual(['Delete a group']);
  });
});
