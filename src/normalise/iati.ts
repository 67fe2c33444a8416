import {
  ACTIVITY_STATUS,
  COUNTRY,
  type Codelist,
  ORGANISATION_TYPE,
  REGION,
  REGION_VOCABULARY,
  SECTOR,
  SECTOR_CATEGORY,
  SECTOR_VOCABULARY,
} from '../core/iati-codelists.js';
import { type Diagnostic, error, warning } from '../model/diagnostics.js';
import type { IatiClass, IatiPlan } from '../model/framework.js';
import { child, type Src } from '../model/source.js';
import type { WrittenIati } from '../schema/written.js';

/**
 * The `plan.iati` block: its codes checked against IATI's codelists and the rules IATI's own
 * validator applies to the elements it fills (identifiers without `/ & | ?`, percentages that add
 * up to 100, a name for sectors of the reporting organisation's own vocabulary). Nothing stricter:
 * IATI's withdrawn codes pass, and vocabularies IATI gives no list for take any code.
 */
export function buildIati(v: WrittenIati, src: Src, planId: string, diagnostics: Diagnostic[]): IatiPlan {
  const org = v.reporting_org;
  const orgSrc = child(src, 'reporting_org');
  checkCode(org.type, ORGANISATION_TYPE, 'OrganisationType', child(orgSrc, 'type'), diagnostics);
  checkIdentifier(org.ref, 'reporting_org.ref', child(orgSrc, 'ref'), diagnostics);
  const identifier = v.identifier ?? `${org.ref}-${planId}`;
  if (v.identifier !== undefined) {
    const at = child(src, 'identifier');
    if (v.identifier === org.ref) {
      // The IATI Validator's rule 1.1.3 (an Error).
      diagnostics.push(
        error(
          'iati-identifier-same',
          `the activity identifier must differ from the reporting organisation's ("${org.ref}"): IATI's rule 1.1.3; give "${org.ref}-" and the activity's own code`,
          at,
        ),
      );
    } else if (
      checkIdentifier(v.identifier, 'identifier', at, diagnostics) &&
      !v.identifier.startsWith(`${org.ref}-`)
    ) {
      diagnostics.push(
        warning(
          'iati-identifier-prefix',
          `IATI expects an activity identifier to begin with the reporting organisation's identifier and "-" ("${org.ref}-…")`,
          at,
        ),
      );
    }
  }
  checkCode(v.activity_status, ACTIVITY_STATUS, 'ActivityStatus', child(src, 'activity_status'), diagnostics);

  const countries = classes(v.recipient_countries, child(src, 'recipient_countries'));
  const regions = classes(v.recipient_regions, child(src, 'recipient_regions'));
  const sectors = classes(v.sectors, child(src, 'sectors'));
  countries.forEach(({ c, at }) => {
    checkSet(c.code, COUNTRY, 'Country (ISO 3166-1 alpha-2, such as MN)', codeAt(at, c), diagnostics);
  });
  regions.forEach(({ c, at }) => {
    if (!checkCode(c.vocabulary, REGION_VOCABULARY, 'RegionVocabulary', child(at, 'vocabulary'), diagnostics))
      return;
    if (c.vocabulary === '1') checkCode(c.code, REGION, 'Region', codeAt(at, c), diagnostics);
    else if (c.vocabulary === '2' && !/^\d{3}$/.test(c.code))
      diagnostics.push(
        error('iati-code', `"${c.code}" is not a UN M49 region code (3 digits)`, codeAt(at, c)),
      );
  });
  if (countries.length + regions.length === 0) {
    diagnostics.push(
      error(
        'iati-recipient',
        'IATI needs a recipient: give `recipient_countries` or `recipient_regions`',
        src,
        true,
      ),
    );
  } else {
    checkShares([...countries, ...regions], 'recipient countries and regions', src, diagnostics);
  }
  sectors.forEach(({ c, at }) => {
    if (!checkCode(c.vocabulary, SECTOR_VOCABULARY, 'SectorVocabulary', child(at, 'vocabulary'), diagnostics))
      return;
    if (c.vocabulary === '1')
      checkSet(c.code, SECTOR, 'Sector (OECD DAC 5-digit purpose code)', codeAt(at, c), diagnostics);
    else if (c.vocabulary === '2')
      checkSet(c.code, SECTOR_CATEGORY, 'SectorCategory (OECD DAC 3-digit code)', codeAt(at, c), diagnostics);
    else if (c.vocabulary === '7' && !/^(?:[1-9]|1[0-7])$/.test(c.code))
      diagnostics.push(error('iati-code', `"${c.code}" is not an SDG goal (1–17)`, codeAt(at, c)));
    else if ((c.vocabulary === '98' || c.vocabulary === '99') && c.name === undefined)
      diagnostics.push(
        error(
          'iati-sector-name',
          `a sector of vocabulary ${c.vocabulary} (the reporting organisation's) needs a \`name\``,
          at,
        ),
      );
  });
  for (const vocabulary of new Set(sectors.map((s) => s.c.vocabulary))) {
    checkShares(
      sectors.filter((s) => s.c.vocabulary === vocabulary),
      `sectors of vocabulary ${vocabulary}`,
      child(src, 'sectors'),
      diagnostics,
    );
  }
  return {
    reportingOrg: { ref: org.ref, type: org.type, name: org.name },
    identifier,
    activityStatus: v.activity_status,
    description: v.description,
    language: v.language ?? 'en',
    countries: countries.map((x) => x.c),
    regions: regions.map((x) => x.c),
    sectors: sectors.map((x) => x.c),
    extensionNamespace: v.extension_namespace,
    indicatorVocabularyUri: v.indicator_vocabulary_uri,
    src,
  };
}

type Written = NonNullable<WrittenIati['sectors']>[number];

function classes(list: Written[] | undefined, at: Src): { c: IatiClass; at: Src }[] {
  return (list ?? []).map((w, i) => {
    const c: IatiClass =
      typeof w === 'string'
        ? { code: w, vocabulary: '1', percentage: undefined, name: undefined }
        : { code: w.code, vocabulary: w.vocabulary ?? '1', percentage: w.percentage, name: w.name };
    return { c, at: child(at, i) };
  });
}

/** Where a class's code was written: the item itself when it is a bare code. */
function codeAt(at: Src, c: IatiClass): Src {
  return c.percentage === undefined && c.name === undefined && c.vocabulary === '1' ? at : child(at, 'code');
}

function checkCode(code: string, list: Codelist, name: string, at: Src, diagnostics: Diagnostic[]): boolean {
  if (list.has(code)) return true;
  const known = list.size <= 20 ? [...list].map(([c, n]) => `${c} ${n}`).join(', ') : `${list.size} codes`;
  diagnostics.push(error('iati-code', `"${code}" is not in IATI's ${name} codelist (${known})`, at));
  return false;
}

function checkSet(
  code: string,
  set: ReadonlySet<string>,
  name: string,
  at: Src,
  diagnostics: Diagnostic[],
): void {
  if (!set.has(code)) diagnostics.push(error('iati-code', `"${code}" is not in IATI's ${name} codelist`, at));
}

/** IATI's rule for identifiers: none of `/ & | ?` (they break the identifier in URLs), no surrounding spaces. */
function checkIdentifier(id: string, what: string, at: Src, diagnostics: Diagnostic[]): boolean {
  if (/[/&|?]/.test(id) || id.trim() !== id) {
    diagnostics.push(
      error(
        'iati-identifier',
        `${what} "${id}" may not contain "/", "&", "|", "?" or surrounding spaces`,
        at,
      ),
    );
    return false;
  }
  return true;
}

/**
 * Shares: one item may leave its percentage out (it is then 100 %); several need one each, adding
 * up to 100 (IATI's `sum` rule). Compared in hundredths of a percent, so 33.33 + 33.33 + 33.34 passes.
 */
function checkShares(
  items: { c: IatiClass; at: Src }[],
  what: string,
  at: Src,
  diagnostics: Diagnostic[],
): void {
  if (items.length === 1) {
    const only = items[0] as { c: IatiClass; at: Src };
    if (only.c.percentage !== undefined && only.c.percentage !== 100)
      diagnostics.push(
        error(
          'iati-percentages',
          `the only one of the ${what} has percentage ${only.c.percentage}, not 100`,
          only.at,
        ),
      );
    return;
  }
  const without = items.filter((x) => x.c.percentage === undefined);
  if (without.length > 0) {
    diagnostics.push(
      error(
        'iati-percentages',
        `${items.length} ${what} are listed: each needs a \`percentage\`, adding up to 100`,
        (without[0] as { at: Src }).at,
      ),
    );
    return;
  }
  const hundredths = items.reduce((s, x) => s + Math.round((x.c.percentage as number) * 100), 0);
  if (hundredths !== 10000)
    diagnostics.push(
      error('iati-percentages', `the percentages of the ${what} add up to ${hundredths / 100}, not 100`, at),
    );
}
