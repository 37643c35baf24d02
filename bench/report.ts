/**
 * The report: one markdown table per section on stdout, and every raw number as JSON under
 * bench/results/. The METHOD block comes first so nobody reads a figure without knowing how it
 * was taken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

/** A goal checked in this run: what was promised, and whether the measured figure keeps it. */
export interface Check {
  goal: string;
  measured: string;
  pass: boolean;
}

export interface Section {
  id: string;
  title: string;
  /** How the section measures: runs, warm-up, which statistic. One paragraph. */
  method: string;
  tables: Table[];
  checks: Check[];
  /** Set when the section could not be measured here, and why. */
  skipped?: string;
  /** Parts of the section that could not be measured, and why. */
  gaps?: string[];
  /** Cores busy with other work while the section ran (set by index.ts). */
  otherCores?: number;
  data: unknown;
}

export interface Meta {
  date: string;
  machine: string;
  node: string;
  loadBefore: number[];
  loadAfter: number[];
  /** Cores busy with work other than the benchmark's, on average over the whole benchmark. */
  otherCores: number;
  build: string;
  totalSeconds: number;
}

/** Other work above this many cores makes a section's timings doubtful, and the report says so. */
const DISTURBED = 0.25;

export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');

/** A number for a table cell; '–' where there is none. */
export function fmt(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function table(t: Table): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const lines = [`**${t.title}**`, '', `| ${t.columns.map(escape).join(' | ')} |`, `|${t.columns.map(() => '---').join('|')}|`];
  for (const row of t.rows) lines.push(`| ${row.map(escape).join(' | ')} |`);
  for (const note of t.notes ?? []) lines.push('', `_${note}_`);
  return lines.join('\n');
}

export function markdown(meta: Meta, sections: Section[]): string {
  const checks = sections.flatMap((s) => s.checks);
  const failed = checks.filter((c) => !c.pass).length;
  const out: string[] = [
    `# GIL Lab benchmark — ${meta.date}`,
    '',
    `Machine: ${meta.machine}; Node ${meta.node}. Work other than the benchmark's kept ${meta.otherCores.toFixed(2)} cores busy on average; load average (1 min) ${meta.loadBefore[0]?.toFixed(2)} before, ${meta.loadAfter[0]?.toFixed(2)} after.` +
      (meta.otherCores > DISTURBED ? ' **The machine was busy with other work: timings are disturbed by it (see each section); rerun on a quiet machine before trusting a FAIL or a PASS near its limit.**' : ''),
    `Build measured: ${meta.build}. Whole benchmark: ${meta.totalSeconds.toFixed(0)} s.`,
    '',
    '## Method',
    '',
    ...sections.map((s) => `- **${s.title}.** ${s.method}`),
    '',
    `## Goals: ${checks.length - failed} of ${checks.length} met`,
    '',
    table({ title: 'Every goal checked in this run', columns: ['goal', 'measured', 'result'], rows: checks.map((c) => [c.goal, c.measured, verdict(c.pass)]) }),
    '',
  ];
  for (const section of sections) {
    out.push(`## ${section.title}`, '');
    if (section.otherCores !== undefined) {
      out.push(`_Other work on the machine during this section: ${section.otherCores.toFixed(2)} cores${section.otherCores > DISTURBED ? ' — disturbed' : ''}._`, '');
    }
    if (section.skipped) {
      out.push(`Not measured: ${section.skipped}`, '');
      continue;
    }
    for (const t of section.tables) out.push(table(t), '');
    for (const gap of section.gaps ?? []) out.push(`- Not measured: ${gap}`);
    if (section.gaps?.length) out.push('');
  }
  return out.join('\n');
}

/** Writes the JSON report; returns its path. */
export function writeJson(dir: string, meta: Meta, sections: Section[]): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${meta.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ meta, sections }, null, 2) + '\n');
  return file;
}
