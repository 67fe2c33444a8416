/** Text for GitHub-flavoured Markdown: nothing a reader wrote can become markup, raw HTML or a table cell break. */

/** Escapes a text for a Markdown paragraph or table cell: `\ | * _ ` [ ] < >` and line breaks. */
export function mdText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_`[\]<>])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}
