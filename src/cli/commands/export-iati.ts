import path from 'node:path';
import { computeIati } from '../../compute/iati.js';
import type { Day } from '../../core/dates.js';
import { exportIati, IatiCodelistError } from '../../export/iati.js';
import type { Framework } from '../../model/framework.js';
import { CliError, emit, type Io } from '../context.js';

/** What to add when the plan has no `plan.iati` block: the fields IATI requires and neaspec-track cannot know. */
const TEMPLATE = `  iati:
    reporting_org: {ref: XM-DAC-00000, type: 40, name: Your organisation}  # IATI organisation identifier; OrganisationType (40 multilateral, 21 international NGO, 10 government …)
    activity_status: 2           # ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed
    recipient_countries: [MN]    # ISO 3166-1 codes — or recipient_regions: [789] (OECD DAC regions)
    sectors: [41010]             # OECD DAC 5-digit purpose codes (41010 environmental policy)
`;

/** `export --format iati`: the plan as one IATI activity, to stdout or --out. */
export function runIati(io: Io, fw: Framework, root: string, asOf: Day, out: string | undefined): number {
  const iati = fw.plan.iati;
  if (!iati) {
    io.err(
      `neaspec-track: an IATI file needs what only the publisher knows: who reports it, the activity's status, where and in which sector it works. Add a \`plan.iati\` block to the plan (${fw.plan.src.file.name}), for example:\n${TEMPLATE}(see docs/iati.md; \`neaspec-track validate\` checks the codes)\n`,
    );
    throw new CliError(
      'export --format iati: the plan has no `iati` block (reporting_org, activity_status, recipient_countries or recipient_regions, sectors)',
      1,
    );
  }
  const fileOf = (name: string) =>
    path.relative(root, path.resolve(io.cwd, name)).split(path.sep).join('/') || path.basename(name);
  const activity = computeIati(fw, iati, asOf, fileOf);
  let xml: string;
  try {
    xml = exportIati(activity);
  } catch (e) {
    if (e instanceof IatiCodelistError) throw new CliError(e.message, 1);
    throw e;
  }
  emit(io, xml, out);
  const left = activity.resultsWithoutIndicators;
  if (left.length > 0) {
    io.err(
      `note: ${left.length} result${left.length === 1 ? '' : 's'} without an indicator left out (IATI needs at least one per result): ${left.join(', ')}\n`,
    );
  }
  return 0;
}
