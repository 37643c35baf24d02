/**
 * The lock timeline's tabs and the one it shows, worked out in one place: the panel draws that
 * step, and an exported picture of the panel names it in its title. Pure over the run archive and
 * the lab's state, so the export asks here instead of reading the panel's attributes.
 */
import type { Mode } from '../../../shared/experiments';
import type { LabState } from './lab-state';
import { tabLabel, type RunArchive, type StepTimeline } from './run-archive';
import { runningStepId, shownRun } from './selectors';

/** A step of the run shown: started (with its timeline) or still to come. */
export interface TimelineTab {
  stepId: string;
  /** What the tab says: the step's label as the run planned it. */
  label: string;
  /** The step's label. */
  step: string;
  /** Empty for a step still to come. */
  mode: Mode | '';
  timeline: StepTimeline | undefined;
}

/** Steps with a timeline in arrival order, then planned steps that have not started yet. */
export function timelineTabs(archive: RunArchive, runId: string | null): TimelineTab[] {
  const trace = archive.get(runId);
  if (!trace) return [];
  const started: TimelineTab[] = trace.timelines.map((t) => ({ stepId: t.stepId, label: tabLabel(trace, t), step: t.step, mode: t.mode, timeline: t }));
  // Steps still to come, while the run goes (a finished run's plan may name rows, not steps: the strategy table).
  const planned: TimelineTab[] = (trace.endedAt === null ? trace.steps : [])
    .filter((step) => !trace.timelines.some((t) => t.stepId === step.id))
    .map((step) => ({ stepId: step.id, label: step.label, step: step.label, mode: '', timeline: undefined }));
  return [...started, ...planned];
}

/** The id of the step shown: the one picked while it has a timeline, else the one running, else the latest. */
export function shownStepId(tabs: readonly TimelineTab[], picked: string | null, runningId: string | null): string | null {
  const available = tabs.filter((t) => t.timeline);
  const pick = picked !== null && available.some((t) => t.stepId === picked) ? picked : null;
  return pick ?? runningId ?? available[available.length - 1]?.stepId ?? null;
}

/** The tab the timeline panel shows for this state, if any step has a timeline yet. */
export function shownTab(state: LabState, archive: RunArchive): TimelineTab | undefined {
  const tabs = timelineTabs(archive, shownRun(state)?.runId ?? null);
  const id = shownStepId(tabs, state.timelinePick?.stepId ?? null, runningStepId(state));
  return tabs.find((t) => t.timeline && t.stepId === id);
}
