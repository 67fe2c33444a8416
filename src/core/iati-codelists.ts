/**
 * IATI Standard 2.03 codelists, as far as neaspec-track writes or checks them. Embedded codelists
 * (ActivityStatus, BudgetType, TransactionType, OrganisationRole, ActivityDateType) from
 * IATI/IATI-Codelists (branch version-2.03); non-embedded ones (OrganisationType, IndicatorMeasure,
 * ResultType, SectorVocabulary, RegionVocabulary, IndicatorVocabulary, DescriptionType, Region,
 * Country, Sector, SectorCategory) from IATI/IATI-Codelists-NonEmbedded; PolicyMarker,
 * PolicySignificance (both the OECD DAC CRS's), PolicyMarkerVocabulary and TagVocabulary as IATI's
 * 2.03 codelists publish them, as far as the export writes them. Withdrawn codes are kept:
 * no check here is stricter than IATI's own. Currency is ISO 4217 (core/money.ts).
 */

/** A codelist: code → English name. */
export type Codelist = ReadonlyMap<string, string>;

function list(entries: [string, string][]): Codelist {
  return new Map(entries);
}

/** A codelist whose names do not matter here: the codes only, from one space-separated string. */
function codes(text: string): ReadonlySet<string> {
  return new Set(text.split(' '));
}

export const ORGANISATION_TYPE = list([
  ['10', 'Government'],
  ['11', 'Local Government'],
  ['15', 'Other Public Sector'],
  ['21', 'International NGO'],
  ['22', 'National NGO'],
  ['23', 'Regional NGO'],
  ['24', 'Partner Country based NGO'],
  ['30', 'Public Private Partnership'],
  ['40', 'Multilateral'],
  ['60', 'Foundation'],
  ['70', 'Private Sector'],
  ['71', 'Private Sector in Provider Country'],
  ['72', 'Private Sector in Aid Recipient Country'],
  ['73', 'Private Sector in Third Country'],
  ['80', 'Academic, Training and Research'],
  ['90', 'Other'],
]);

export const ACTIVITY_STATUS = list([
  ['1', 'Pipeline/identification'],
  ['2', 'Implementation'],
  ['3', 'Finalisation'],
  ['4', 'Closed'],
  ['5', 'Cancelled'],
  ['6', 'Suspended'],
]);

export const INDICATOR_MEASURE = list([
  ['1', 'Unit'],
  ['2', 'Percentage'],
  ['3', 'Nominal'],
  ['4', 'Ordinal'],
  ['5', 'Qualitative'],
]);

export const RESULT_TYPE = list([
  ['1', 'Output'],
  ['2', 'Outcome'],
  ['3', 'Impact'],
  ['9', 'Other'],
]);

export const BUDGET_TYPE = list([
  ['1', 'Original'],
  ['2', 'Revised'],
]);

export const TRANSACTION_TYPE = list([
  ['1', 'Incoming Funds'],
  ['2', 'Outgoing Commitment'],
  ['3', 'Disbursement'],
  ['4', 'Expenditure'],
  ['5', 'Interest Payment'],
  ['6', 'Loan Repayment'],
  ['7', 'Reimbursement'],
  ['8', 'Purchase of Equity'],
  ['9', 'Sale of Equity'],
  ['10', 'Credit Guarantee'],
  ['11', 'Incoming Commitment'],
  ['12', 'Outgoing Pledge'],
  ['13', 'Incoming Pledge'],
]);

export const ORGANISATION_ROLE = list([
  ['1', 'Funding'],
  ['2', 'Accountable'],
  ['3', 'Extending'],
  ['4', 'Implementing'],
]);

export const ACTIVITY_DATE_TYPE = list([
  ['1', 'Planned start'],
  ['2', 'Actual start'],
  ['3', 'Planned End'],
  ['4', 'Actual end'],
]);

export const DESCRIPTION_TYPE = list([
  ['1', 'General'],
  ['2', 'Objectives'],
  ['3', 'Target Groups'],
  ['4', 'Other'],
]);

export const SECTOR_VOCABULARY = list([
  ['1', 'OECD DAC CRS Purpose Codes (5 digit)'],
  ['2', 'OECD DAC CRS Purpose Codes (3 digit)'],
  ['3', 'Classification of the Functions of Government (UN)'],
  ['4', 'Statistical classification of economic activities in the European Community'],
  ['5', 'National Taxonomy for Exempt Entities (USA)'],
  ['6', 'AidData'],
  ['7', 'SDG Goal'],
  ['8', 'SDG Target'],
  ['9', 'SDG Indicator'],
  ['10', 'Humanitarian Global Clusters (Inter-Agency Standing Committee)'],
  ['11', 'North American Industry Classification System (NAICS)'],
  ['12', 'UN System Function'],
  ['98', 'Reporting Organisation 2'],
  ['99', 'Reporting Organisation'],
]);

export const REGION_VOCABULARY = list([
  ['1', 'OECD DAC'],
  ['2', 'UN'],
  ['99', 'Reporting Organisation'],
]);

/** PolicyMarker (vocabulary 1, OECD DAC CRS), with the short name a framework writes in `markers:`. */
export const POLICY_MARKER = list([
  ['1', 'Gender Equality'],
  ['2', 'Aid to Environment'],
  ['3', 'Participatory Development/Good Governance'],
  ['4', 'Trade Development'],
  ['5', 'Aid Targeting the Objectives of the Convention on Biological Diversity'],
  ['6', 'Aid Targeting the Objectives of the Framework Convention on Climate Change - Mitigation'],
  ['7', 'Aid Targeting the Objectives of the Framework Convention on Climate Change - Adaptation'],
  ['8', 'Aid Targeting the Objectives of the Convention to Combat Desertification'],
  ['9', 'Reproductive, Maternal, Newborn and Child Health (RMNCH)'],
  ['10', 'Disaster Risk Reduction(DRR)'],
  ['11', 'Disability'],
  ['12', 'Nutrition'],
]);

/** The short names `markers:` takes, each for its PolicyMarker code. */
export const POLICY_MARKER_NAMES: ReadonlyMap<string, string> = new Map([
  ['gender', '1'],
  ['environment', '2'],
  ['governance', '3'],
  ['trade', '4'],
  ['biodiversity', '5'],
  ['climate_mitigation', '6'],
  ['climate_adaptation', '7'],
  ['desertification', '8'],
  ['rmnch', '9'],
  ['drr', '10'],
  ['disability', '11'],
  ['nutrition', '12'],
]);

/** PolicySignificance (OECD DAC): 3 is for the desertification marker only, 4 for RMNCH only. */
export const POLICY_SIGNIFICANCE = list([
  ['0', 'not targeted'],
  ['1', 'significant objective'],
  ['2', 'principal objective'],
  ['3', 'principal objective AND in support of an action programme'],
  ['4', 'Explicit primary objective'],
]);

/** PolicyMarkerVocabulary: 1 OECD DAC CRS (the only one written). */
export const POLICY_MARKER_VOCABULARY = list([
  ['1', 'OECD DAC CRS'],
  ['99', 'Reporting Organisation'],
]);

/** TagVocabulary, as far as the export writes it: 3, the SDG targets. */
export const TAG_VOCABULARY = list([
  ['2', 'UN Sustainable Development Goals (SDG)'],
  ['3', 'UN Sustainable Development Goals (SDG) Targets'],
  ['99', 'Reporting Organisation'],
]);

export const INDICATOR_VOCABULARY_REPORTING_ORG = '99';
export const RESULT_REFERENCE_VOCABULARY_REPORTING_ORG = '99';

/** Region (vocabulary 1, OECD DAC). */
export const REGION = list([
  ['88', 'States Ex-Yugoslavia unspecified'],
  ['89', 'Europe, regional'],
  ['189', 'North of Sahara, regional'],
  ['289', 'South of Sahara, regional'],
  ['298', 'Africa, regional'],
  ['380', 'West Indies, regional'],
  ['389', 'Caribbean & Central America, regional'],
  ['489', 'South America, regional'],
  ['498', 'America, regional'],
  ['589', 'Middle East, regional'],
  ['619', 'Central Asia, regional'],
  ['679', 'South Asia, regional'],
  ['689', 'South & Central Asia, regional'],
  ['789', 'Far East Asia, regional'],
  ['798', 'Asia, regional'],
  ['889', 'Oceania, regional'],
  ['998', 'Developing countries, unspecified'],
  ['1027', 'Eastern Africa, regional'],
  ['1028', 'Middle Africa, regional'],
  ['1029', 'Southern Africa, regional'],
  ['1030', 'Western Africa, regional'],
  ['1031', 'Caribbean, regional'],
  ['1032', 'Central America, regional'],
  ['1033', 'Melanesia, regional'],
  ['1034', 'Micronesia, regional'],
  ['1035', 'Polynesia, regional'],
]);

/** Country: ISO 3166-1 alpha-2, as IATI lists it. */
export const COUNTRY = codes(
  'AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BQ BA BW BV BR ' +
    'IO BN BG BF BI KH CM CA CV KY CF TD CL CN CX CC CO KM CG CD CK CR CI HR CU CW CY CZ DK DJ DM DO ' +
    'EC EG SV GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GG GN GW GY HT ' +
    'HM VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KP KR XK KW KG LA LV LB LS LR LY ' +
    'LI LT LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ MM NA NR NP NL AN NC ' +
    'NZ NI NE NG NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW BL SH KN LC MF PM ' +
    'VC WS SM ST SA SN RS SC SL SG SX SK SI SB SO ZA GS SS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TL ' +
    'TG TK TO TT TN TR TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH YE ZM ZW',
);

/** Sector (vocabulary 1): OECD DAC CRS purpose codes, 5 digits. */
export const SECTOR = codes(
  '11110 11120 11130 11182 11220 11230 11231 11232 11240 11250 11260 11320 11321 11322 11330 11420 ' +
    '11430 12110 12181 12182 12191 12196 12220 12230 12240 12250 12261 12262 12263 12264 12281 12310 ' +
    '12320 12330 12340 12350 12382 13010 13020 13030 13040 13081 13096 14010 14015 14020 14021 14022 ' +
    '14030 14031 14032 14040 14050 14081 15110 15111 15112 15113 15114 15116 15117 15118 15119 15120 ' +
    '15121 15122 15123 15124 15125 15126 15127 15128 15129 15130 15131 15132 15133 15134 15135 15136 ' +
    '15137 15140 15142 15143 15144 15150 15151 15152 15153 15154 15155 15156 15160 15161 15162 15163 ' +
    '15164 15170 15180 15185 15190 15196 15210 15220 15230 15240 15250 15261 16010 16011 16012 16013 ' +
    '16014 16015 16020 16030 16040 16050 16061 16062 16063 16064 16065 16066 16070 16080 21010 21011 ' +
    '21012 21013 21020 21021 21022 21023 21024 21030 21040 21050 21061 21081 22010 22011 22012 22013 ' +
    '22020 22030 22040 23010 23020 23030 23040 23050 23061 23062 23063 23064 23065 23066 23067 23068 ' +
    '23069 23070 23081 23082 23110 23111 23112 23181 23182 23183 23210 23220 23230 23231 23232 23240 ' +
    '23250 23260 23270 23310 23320 23330 23340 23350 23360 23410 23510 23610 23620 23630 23631 23640 ' +
    '23641 23642 24010 24020 24030 24040 24050 24081 25010 25020 25030 25040 31110 31120 31130 31140 ' +
    '31150 31161 31162 31163 31164 31165 31166 31181 31182 31191 31192 31193 31194 31195 31210 31220 ' +
    '31261 31281 31282 31291 31310 31320 31381 31382 31391 32110 32120 32130 32140 32161 32162 32163 ' +
    '32164 32165 32166 32167 32168 32169 32170 32171 32172 32173 32174 32182 32210 32220 32261 32262 ' +
    '32263 32264 32265 32266 32267 32268 32310 33110 33120 33130 33140 33150 33181 33210 41010 41020 ' +
    '41030 41040 41050 41081 41082 43010 43030 43031 43032 43040 43041 43042 43050 43060 43071 43072 ' +
    '43073 43081 43082 51010 52010 53030 53040 60010 60020 60030 60040 60061 60062 60063 72010 72011 ' +
    '72012 72040 72050 73010 74010 74020 91010 92010 92020 92030 93010 93011 93012 93013 93014 93015 ' +
    '93016 93017 93018 99810 99820',
);

/** SectorCategory (vocabulary 2): OECD DAC CRS purpose codes, 3 digits. */
export const SECTOR_CATEGORY = codes(
  '111 112 113 114 121 122 123 130 140 151 152 160 210 220 230 231 232 233 234 235 236 240 250 311 ' +
    '312 313 321 322 323 331 332 410 430 510 520 530 600 720 730 740 910 920 930 998',
);
