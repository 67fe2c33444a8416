/**
 * Text that is not UTF-8. Files are decoded as UTF-8 with invalid bytes replaced by U+FFFD; the
 * replacement marks where the file stops being UTF-8. Spreadsheet programs often save "CSV" in
 * Windows-1252 (accented letters as single bytes) or "Unicode text" in UTF-16, so the message
 * names those and how to save UTF-8 instead.
 */

/** What is wrong with a file's encoding, and the offset of the first offending character; or null. */
export function encodingProblem(
  text: string,
  kind: 'YAML' | 'CSV',
): { message: string; offset: number } | null {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) {
    // UTF-16 puts a NUL beside every ASCII character.
    if (looksUtf16(text)) {
      return {
        message: `the file is UTF-16 text, not UTF-8: save it as UTF-8${kind === 'CSV' ? ' ("CSV UTF-8" in Excel)' : ''}`,
        offset: 0,
      };
    }
    return { message: `the file is binary, not ${kind} text (it contains NUL bytes)`, offset: nul };
  }
  const bad = text.indexOf('\ufffd');
  if (bad !== -1) {
    return {
      message: `the file is not UTF-8 text (bytes such as Windows-1252 or Latin-1 accented letters): save it as UTF-8${kind === 'CSV' ? ' ("CSV UTF-8" in Excel)' : ''}`,
      offset: bad,
    };
  }
  return null;
}

/** UTF-16 (either byte order) read as UTF-8: after a byte-order mark, NULs at every other place. */
function looksUtf16(text: string): boolean {
  const body = text.replace(/^(?:\ufffd\ufffd|\ufeff)/, '').slice(0, 8);
  if (body.length < 4) return false;
  const nulAt = (i: number) => body.charCodeAt(i) === 0;
  const evenNul = [0, 2].every(nulAt) && [1, 3].every((i) => !nulAt(i));
  const oddNul = [1, 3].every(nulAt) && [0, 2].every((i) => !nulAt(i));
  return evenNul || oddNul;
}
