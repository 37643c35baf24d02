/**
 * The steps of the run shown, to pick the one on the lock timeline: tabs, smaller past MANY_TABS,
 * and a drop-down when their labels would not fit on two rows.
 */
import type { TimelineTab } from '../store/timeline-tabs';

const MANY_TABS = 5;
const MAX_TAB_CHARS = 72;

interface Props {
  tabs: readonly TimelineTab[];
  shownId: string | null;
  /** The step running now, marked as such. */
  runningId: string | null;
  onPick: (stepId: string) => void;
}

export function StepPicker({ tabs, shownId, runningId, onPick }: Props) {
  return tabs.reduce((n, t) => n + t.label.length + 3, 0) > MAX_TAB_CHARS ? (
    <select
      className="step-select"
      aria-label="Step shown"
      data-testid="timeline-step-select"
      value={shownId ?? ''}
      onChange={(e) => onPick(e.target.value)}
    >
      {tabs.map((tab) => (
        <option key={tab.stepId} value={tab.stepId} disabled={!tab.timeline}>
          {tab.label}
          {tab.stepId === runningId ? ' (running)' : ''}
        </option>
      ))}
    </select>
  ) : (
    <div className={tabs.length > MANY_TABS ? 'tabs many' : 'tabs'} role="tablist" aria-label="Step shown">
      {tabs.map((tab) => (
        <button
          key={tab.stepId}
          type="button"
          role="tab"
          aria-selected={tab.stepId === shownId}
          className={tab.stepId === shownId ? 'tab active' : 'tab'}
          disabled={!tab.timeline}
          data-testid={`timeline-tab-${tab.stepId}`}
          data-step={tab.step}
          data-mode={tab.mode}
          onClick={() => onPick(tab.stepId)}
        >
          {tab.label}
          {tab.stepId === runningId ? <span className="live-dot" aria-label="running" /> : null}
        </button>
      ))}
    </div>
  );
}
