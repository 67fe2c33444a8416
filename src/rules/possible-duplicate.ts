import { formatDate } from '../core/dates.js';
import { currencyDigits, formatMinor } from '../core/money.js';
import { type Diagnostic, warning } from '../model/diagnostics.js';
import type { Framework, MoneyEntry } from '../model/framework.js';

/**
 * `possible-duplicate`: a spending, pledge or contribution entry identical to an earlier one — the
 * same line (or source and contributor), date, amount, currency, note, and for pledges and
 * contributions the same year and kind. Money rows have no key, so a sheet imported twice or a
 * payment typed twice doubles the money without an error; a second, real payment says so with
 * `again: true` (what `record --again` writes) and is not reported.
 */
export function possibleDuplicates(fw: Framework): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, MoneyEntry>();
  for (const e of fw.entries) {
    if (e.kind === 'result') continue;
    const k = moneyKey(e);
    const earlier = first.get(k);
    if (!earlier) {
      first.set(k, e);
      continue;
    }
    if (isAgain(e)) continue;
    const at = earlier.src.file.locate(earlier.src.path);
    out.push(
      warning(
        'possible-duplicate',
        `this ${what(e)} is identical to the one at ${earlier.src.file.name}:${at.line} (${describe(e)}); if it was entered twice, undo it with a negative entry; if it is a second, real payment, mark it \`again: true\``,
        e.src,
      ),
    );
  }
  return out;
}

/** True for an entry that says it repeats an identical earlier one on purpose. */
function isAgain(e: MoneyEntry): boolean {
  return e.again === true;
}

function what(e: MoneyEntry): string {
  return e.kind === 'spend' ? 'spending' : e.kind;
}

function describe(e: MoneyEntry): string {
  const who = e.kind === 'spend' ? e.line : `${e.fund} from ${e.from}, ${e.year}`;
  const amount = formatMinor(e.amount, currencyDigits(e.currency));
  return `${who}, ${formatDate(e.date)}, ${e.currency} ${amount}${e.note === undefined ? '' : `, note "${e.note}"`}`;
}

/** The fields that make two money entries the same. */
export function moneyKey(e: MoneyEntry): string {
  const common = `${e.date}\u0000${e.amount}\u0000${e.currency}\u0000${e.note ?? '\u0001'}`;
  if (e.kind === 'spend') return `s\u0000${e.line}\u0000${common}`;
  const kind = e.kind === 'contribution' && e.inKind ? 'k' : '';
  return `${e.kind === 'pledge' ? 'p' : 'c'}${kind}\u0000${e.fund}\u0000${e.from}\u0000${e.year}\u0000${common}`;
}
