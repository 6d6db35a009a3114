/**
 * Escapes text for HTML element content and quoted attribute values. Every
 * string a report shows comes from a check or from the target's answers, so
 * it is treated as hostile: `<`, `>`, `&`, `"` and `'` never reach the page raw.
 *
 * @example
 * escapeHtml('<script>') // '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
