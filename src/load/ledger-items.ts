import type { LedgerFileItems, LedgerItem } from '../model/ledger-items.js';
import type { ParsedFile } from '../model/parsed.js';

/** The ledger items of one parsed file (an empty list for a file without a `progress:` list). */
export function ledgerItems(parsed: ParsedFile): LedgerFileItems {
  const { file } = parsed;
  const ledger = parsed.ledger;
  if (ledger) {
    const items: LedgerItem[] = [];
    for (let i = 0; i < ledger.starts.length; i++) {
      const obj = ledger.item(i);
      if (obj === null) return fromValue(ledger.full());
      items.push({ fields: obj, src: { file, path: ['progress', i] } });
    }
    return { name: file.name, text: file.text, file, items };
  }
  return fromValue(parsed);
}

function fromValue(parsed: ParsedFile): LedgerFileItems {
  const { file } = parsed;
  const value = parsed.value as { progress?: unknown } | undefined;
  const list =
    value !== null && typeof value === 'object' && Array.isArray(value.progress) ? value.progress : [];
  return {
    name: file.name,
    text: file.text,
    file,
    items: list.map((fields, i) => ({ fields, src: { file, path: ['progress', i] } })),
  };
}
