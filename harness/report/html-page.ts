/** The report page's style sheet, inline (the page fetches nothing). */
export const REPORT_CSS = `
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table.matrix { border-collapse: collapse; margin: 1em 0; }
table.matrix td, table.matrix th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 90%; }
.pass { background: #d4f4d4; } .fail { background: #f8c8c8; } .skip { background: #eee; } .unsupported { background: #e4e4f8; } .expected { background: #f8e8b8; }
details.check { border-top: 1px solid #ddd; padding: 4px 0; }
details.check > summary { cursor: pointer; }
blockquote { margin: 4px 0 4px 1em; color: #555; font-style: italic; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dt { font-weight: bold; }
pre { background: #f6f6f6; padding: 4px; max-height: 20em; overflow: auto; }
.filters label { margin-right: 1em; }
.diagram { overflow-x: auto; }
`;

/**
 * The report page's script, inline: the filters by category, level and
 * status hide the matrix rows and check sections that do not match, and a
 * link to a check opens its section.
 */
export const REPORT_SCRIPT = `
const filter = { category: '', level: '', status: '' };
function matches(el) {
  return (filter.category === '' || el.dataset.category === filter.category)
    && (filter.level === '' || el.dataset.level === filter.level)
    && (filter.status === '' || el.dataset.statuses.split(' ').includes(filter.status));
}
function apply() {
  let shown = 0;
  for (const el of document.querySelectorAll('tr[data-check]')) { el.hidden = !matches(el); if (!el.hidden) shown += 1; }
  for (const el of document.querySelectorAll('details[data-check]')) el.hidden = !matches(el);
  document.getElementById('shown').textContent = String(shown);
}
for (const select of document.querySelectorAll('select[data-filter]')) {
  select.addEventListener('change', () => { filter[select.dataset.filter] = select.value; apply(); });
}
for (const link of document.querySelectorAll('a[data-open]')) {
  link.addEventListener('click', () => { const target = document.getElementById(link.dataset.open); if (target) target.open = true; });
}
apply();
`;
