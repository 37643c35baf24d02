/**
 * What an exported picture says and how it is laid out: a title (lesson, run, steps, workers),
 * the picture of the lab or one panel, and a caption naming the machine and the date, on an
 * opaque background. Pure functions, so sizes and words are tested without a browser; the
 * drawing is in slide-canvas.ts.
 */
import type { MachineInfo } from '../../../shared/results';

/** Backing pixels per layout pixel of an exported picture. */
export const EXPORT_RATIO = 2;
/** Narrowest slide in layout pixels: 1920 px at 2x. */
export const MIN_SLIDE_WIDTH = 960;
/** The whole lab goes on a 16:9 slide of the stage's size (3840 x 2160 at 2x). */
export const STAGE_SLIDE = { width: 1920, height: 1080 } as const;

export type PictureTarget = 'whole' | 'cores' | 'timeline' | 'results' | 'room';
export type DataTarget = 'run-json' | 'session-csv' | 'session-json';
export type ExportTarget = PictureTarget | DataTarget;

export const PICTURE_TARGETS: readonly { id: PictureTarget; label: string }[] = [
  { id: 'whole', label: 'Whole lab' },
  { id: 'cores', label: 'Cores' },
  { id: 'timeline', label: 'Lock timeline' },
  { id: 'results', label: 'Results chart' },
  { id: 'room', label: "Room's laptops" },
];
export const DATA_TARGETS: readonly { id: DataTarget; label: string }[] = [
  { id: 'run-json', label: 'Run data (JSON)' },
  { id: 'session-csv', label: 'Session results (CSV)' },
  { id: 'session-json', label: 'Session (JSON)' },
];

export const isPicture = (target: ExportTarget): target is PictureTarget => PICTURE_TARGETS.some((t) => t.id === target);

/** "AMD EPYC 7B13 · 16 logical / 8 physical cores (4 performance + 4 efficiency) · Linux x64". */
export function machineLine(machine: MachineInfo | null): string {
  if (!machine) return 'machine unknown';
  const split =
    machine.performanceCores !== null && machine.efficiencyCores !== null
      ? ` (${machine.performanceCores} performance + ${machine.efficiencyCores} efficiency)`
      : '';
  return `${machine.cpuModel} · ${machine.logicalCores} logical / ${machine.physicalCores} physical cores${split} · ${machine.os} ${machine.arch}`;
}

/** "2026-11-24 09:05", in the presenter's own clock. */
export function dateLine(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface SlideFacts {
  target: PictureTarget;
  lesson: string;
  /** The run shown, if any. */
  run: { number: number; steps: readonly string[]; workers: number; outcome: string } | null;
  /** Which engines produced the run's figures, e.g. "simulation and CPython 3.11.7"; null: the simulation alone. */
  engines?: string | null;
  /** The lock timeline's step on screen (its id and label), for a timeline picture. */
  step: { stepId: string; step: string; mode: string } | null;
  machine: MachineInfo | null;
  date: Date;
}

export interface SlideText {
  title: string;
  subtitle: string;
  caption: string;
}

const PANEL_NAMES: Readonly<Record<PictureTarget, string | null>> = { whole: null, cores: 'Cores', timeline: 'Lock timeline', results: 'Results', room: "The room's laptops" };

export function slideText(facts: SlideFacts): SlideText {
  const { run, step } = facts;
  const parts: string[] = [];
  const panel = PANEL_NAMES[facts.target];
  if (panel) parts.push(panel);
  if (facts.target === 'room') {
    // About every laptop's files, not this one's run or machine: each point is named on the slide.
    return {
      title: 'Threads and processes, laptop by laptop',
      subtitle: `${panel} · cores against speedup, from the result files they exported`,
      caption: `Result files of the room's laptops · ${dateLine(facts.date)} · GIL Lab`,
    };
  }
  if (run) {
    parts.push(`run #${run.number}${run.outcome === 'cancelled' || run.outcome === 'failed' ? ` (${run.outcome})` : ''}`);
    if (facts.target === 'timeline' && step) parts.push(step.stepId === step.mode || !step.mode ? step.step : `${step.step} (${step.mode})`);
    else if (run.steps.length > 0) parts.push(run.steps.join(', '));
    parts.push(`${run.workers} worker${run.workers === 1 ? '' : 's'}`);
    if (facts.engines) parts.push(facts.engines);
  } else {
    parts.push('no run yet');
  }
  return { title: facts.lesson, subtitle: parts.join(' · '), caption: `${machineLine(facts.machine)} · ${dateLine(facts.date)} · GIL Lab` };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions in layout pixels; `pixels` is the PNG's size. */
export interface SlideLayout {
  ratio: number;
  width: number;
  height: number;
  pixels: { width: number; height: number };
  margin: number;
  titleSize: number;
  subtitleSize: number;
  captionSize: number;
  titleY: number;
  subtitleY: number;
  captionY: number;
  /** Where the picture goes, scaled to fit (never up). */
  content: Box;
}

/** Type and spacing of a panel's slide; the whole lab's are tighter, leaving the lab more room. */
const PANEL_TYPE = { margin: 40, title: 40, subtitle: 24, caption: 18, gap: 20 };
const WHOLE_TYPE = { margin: 28, title: 34, subtitle: 21, caption: 17, gap: 14 };

/**
 * The slide for a picture of `content` layout pixels. Panels keep their size, on a slide at least
 * MIN_SLIDE_WIDTH wide; the whole lab is fitted into a 16:9 stage-sized slide.
 */
export function slideLayout(content: { width: number; height: number }, whole: boolean, ratio = EXPORT_RATIO): SlideLayout {
  const { margin: MARGIN, title: TITLE, subtitle: SUBTITLE, caption: CAPTION, gap: GAP } = whole ? WHOLE_TYPE : PANEL_TYPE;
  const head = TITLE + 8 + SUBTITLE + GAP;
  const foot = GAP + CAPTION;
  const width = whole ? STAGE_SLIDE.width : Math.max(MIN_SLIDE_WIDTH, Math.ceil(content.width) + 2 * MARGIN);
  let box: Box;
  let height: number;
  if (whole) {
    height = STAGE_SLIDE.height;
    const room = { width: width - 2 * MARGIN, height: height - 2 * MARGIN - head - foot };
    const scale = Math.min(1, room.width / content.width, room.height / content.height);
    const w = content.width * scale;
    const h = content.height * scale;
    box = { x: (width - w) / 2, y: MARGIN + head + (room.height - h) / 2, width: w, height: h };
  } else {
    height = Math.ceil(MARGIN + head + content.height + foot + MARGIN);
    box = { x: (width - content.width) / 2, y: MARGIN + head, width: content.width, height: content.height };
  }
  return {
    ratio,
    width,
    height,
    pixels: { width: Math.round(width * ratio), height: Math.round(height * ratio) },
    margin: MARGIN,
    titleSize: TITLE,
    subtitleSize: SUBTITLE,
    captionSize: CAPTION,
    titleY: MARGIN,
    subtitleY: MARGIN + TITLE + 8,
    captionY: height - MARGIN - CAPTION,
    content: box,
  };
}

/** "gil-lab-cpu-bound-timeline-dark-2026-11-24-0905.png": a plain name the save dialog accepts. */
export function pictureName(lesson: string, target: PictureTarget, theme: string, date: Date): string {
  const safe = lesson.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'lab';
  return `gil-lab-${safe}-${target}-${theme}-${dateLine(date).replace(/[: ]/g, (c) => (c === ' ' ? '-' : ''))}.png`;
}
