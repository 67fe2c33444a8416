import type { Status } from '../model/reports.js';

/**
 * A report as a document: a list of blocks whose parts know what they are (money, a ratio, a
 * status…), built once by a pure builder (src/document/*.ts) and walked by one writer per format
 * (src/render/writers/*.ts), which styles what the parts say. Modelled on hledger's
 * Hledger/Write/Spreadsheet.hs: typed cells that writers style, so column sets cannot drift
 * between formats. JSON is not a document: it is the hand-written machine contract (render/*-json.ts).
 */

/** How a part asks to be shown; each writer decides what that looks like (bold, red, dim…). */
export type Tone = 'strong' | 'alarm' | 'warn' | 'good' | 'muted' | 'code';

/** One typed inline part of a paragraph or a table cell. */
export type Part =
  | { kind: 'text'; text: string; tone?: Tone; data?: string }
  /** Money in minor units; null is "no figure" (an em dash, or empty in CSV). */
  | { kind: 'money'; minor: bigint | null; digits: number; tone?: Tone }
  /** A ratio shown as a percentage with one decimal (0.5454 → 54.5%); CSV writes it unrounded. */
  | { kind: 'ratio'; value: number | null; tone?: Tone }
  /** A status word, coloured by its status in the terminal. */
  | { kind: 'status'; status: Status; text: string; tone?: Tone }
  /** A calendar date, YYYY-MM-DD. */
  | { kind: 'date'; date: string; tone?: Tone };

/** A table column: its heading, the kind of its cells, alignment and what the terminal may do with it. */
export interface Column {
  head: string;
  kind: Part['kind'];
  align?: 'left' | 'right';
  /** The machine (CSV) name; a column without one is not written to CSV. */
  field?: string;
  /** Shown only in CSV (a figure the human tables leave out). */
  dataOnly?: boolean;
  /** Not shown in CSV (a human repetition of another column). */
  humanOnly?: boolean;
  /** Drop priority when the terminal is too narrow: the lowest number goes first; none is never dropped. */
  drop?: number;
  /** A flexible column narrows to `min` terminal columns (cut or wrapped) before any column is dropped. */
  min?: number;
  /** Wrap this column's cells rather than cutting them. */
  wrap?: boolean;
  /** Cut a cell's start rather than its end when it is too long (a path: its file name matters most). */
  cutStart?: boolean;
  /** Left out of the terminal, where width is scarce (a title the table's legend gives instead). */
  wide?: boolean;
}

/** A table row: an item or a total (a total is set apart: a rule above it, bold). */
export interface Row {
  kind: 'item' | 'total';
  cells: Part[];
  /** The row's key, for a machine reader of HTML (`data-key`). */
  key?: string;
  /** A tone for the whole row (`muted`: an entry that no longer counts). */
  tone?: Tone;
}

export interface Heading {
  kind: 'heading';
  level: 1 | 2 | 3;
  text: string;
}

/** A paragraph of typed parts; `role: 'caption'` marks the line that introduces a report. */
export interface Paragraph {
  kind: 'paragraph';
  parts: Part[];
  role?: 'caption' | 'note';
}

export interface Table {
  kind: 'table';
  /** What the table is, in a word (`variance`): HTML's class, for its style sheet. */
  name?: string;
  /** The table's own small title ("By source"). */
  title?: string;
  columns: Column[];
  rows: Row[];
  /**
   * Columns that read together, by name: a terminal too narrow for the whole table lays it out as
   * several tables, each repeating the first column and keeping a group whole where it can.
   */
  groups?: { name: string; from: number; to: number }[];
  /** `data`: the machine table, written by CSV only; `human`: never written to CSV. Default: both. */
  view?: 'human' | 'data';
}

/** A chart as data only: each writer draws it (SVG, a Word chart) or leaves it out (text, Markdown). */
export interface Chart {
  kind: 'chart';
  /** `bars`: a bar per point, a ratio each (1 = as planned). */
  chart: 'bars';
  /** The heading above the chart. */
  title: string;
  /** The chart's own name, and its series' (a Word chart shows both). */
  name: string;
  series: string;
  /** What the line at 1 stands for ("100% of planned to date"). */
  reference: string;
  /** What the figures are, in a word ("actual / planned to date"). */
  subtitle?: string;
  points: { label: string; value: number | null }[];
}

/** Prose written by a person, in the narrative Markdown subset (render/narrative.ts). */
export interface Narrative {
  kind: 'narrative';
  /** What it is about and its date: "R1 — narrative of 2026-11-01". */
  head: string;
  markdown: string;
}

/** A two-column list of facts or labelled lines ("Plan", "As of"…). */
export interface Facts {
  kind: 'facts';
  /** A legend for what the terminal leaves out (titles of `wide` columns): the other formats show it in the table. */
  terminalOnly?: boolean;
  items: { label: string; parts: Part[] }[];
}

/** A list: an optional lead line, then items, each a run of parts (bullets in Markdown, HTML and Word). */
export interface List {
  kind: 'list';
  title?: Part[];
  items: Part[][];
}

/**
 * A section the reader opens when they want its detail: Markdown folds it (`<details>`, as a
 * pull-request comment does), the other formats show it under its summary as a heading.
 */
export interface Details {
  kind: 'details';
  summary: string;
  blocks: Block[];
}

export type Block = Heading | Paragraph | Table | Chart | Narrative | Facts | List | Details;

/** A report as blocks; `title` names it (an HTML title, a Word document's core property). */
export interface Document {
  title: string;
  blocks: Block[];
  /** A listing rather than a report: the terminal sets its blocks one under the other, no blank line between. */
  tight?: boolean;
}

/** A text part. */
export function text(s: string, tone?: Tone): Part {
  return tone === undefined ? { kind: 'text', text: s } : { kind: 'text', text: s, tone };
}

/** A money part. */
export function money(minor: bigint | null, digits: number, tone?: Tone): Part {
  return tone === undefined ? { kind: 'money', minor, digits } : { kind: 'money', minor, digits, tone };
}

/** A ratio part. */
export function ratio(value: number | null, tone?: Tone): Part {
  return tone === undefined ? { kind: 'ratio', value } : { kind: 'ratio', value, tone };
}

/** A paragraph. */
export function paragraph(parts: Part[], role?: Paragraph['role']): Paragraph {
  return role === undefined ? { kind: 'paragraph', parts } : { kind: 'paragraph', parts, role };
}

/** A folded section (Markdown's `<details>`); left out when it holds nothing. */
export function details(summary: string, blocks: Block[]): Details[] {
  return blocks.length === 0 ? [] : [{ kind: 'details', summary, blocks }];
}

/** The same part with a tone (a total row's bold). */
export function toned(p: Part, tone: Tone | undefined): Part {
  return tone === undefined ? p : { ...p, tone };
}
