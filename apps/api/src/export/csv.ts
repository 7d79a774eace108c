/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A text starting with
 * = + - @ (or a tab or carriage return) is prefixed with a single quote so that a spreadsheet shows it rather than
 * evaluating it as a formula (OWASP's CSV injection advice).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}
