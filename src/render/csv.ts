/**
 * One CSV field, as every CSV the tool writes spells it (status, variance, funding, the template,
 * any document's CSV writer): RFC 4180 quoting when it holds a quote, a comma or a line break, and
 * a cell a spreadsheet would run as a formula made inert first.
 *
 * A spreadsheet takes a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
 * carriage return) for a formula: a title `=HYPERLINK("http://…","x")` would run when the sheet
 * is opened (CSV injection). As OWASP advises, such a cell is written with a leading `'`, which
 * spreadsheets show as text and do not evaluate. A number stays a number: a cell that is all a
 * plain decimal (`-1500.00`, `-0.25`, `3e-7`) is written as it is, so money and ratios, negative
 * ones included, still sum in the sheet. A lone `-` (the key of the rows with no link, in
 * `variance --by result` and the like) is text to every spreadsheet and stays as it is. Only text
 * that could be a formula gains the `'`.
 */
export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) && text !== '-' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number as the writers print one: an optional minus, digits, a fraction, an exponent. */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
