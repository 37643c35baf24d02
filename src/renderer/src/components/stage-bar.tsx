/**
 * The presenter's bar under the lock timeline: pause the live panels (F), replay a finished run at
 * a tenth, a quarter or real speed with play, pause and a scrub bar (core lanes and timeline follow
 * the replay's clock together), and open the room's results. The replay's clock is moved here, once
 * per animation frame while it plays; its state is the stage store's (store/stage.ts).
 */
import { useEffect } from 'react';
import { useFrameValue } from '../drawing/frame-signal';
import type { RunArchive } from '../store/run-archive';
import type { RunRecord } from '../store/session';
import { REPLAY_SPEEDS, replaySpan, type StageStore } from '../store/stage';

interface Props {
  stage: StageStore;
  archive: RunArchive;
  /** The run the panels show, and whether it is still going. */
  run: RunRecord | null;
  live: boolean;
  roomOpen: boolean;
  onRoom: (open: boolean) => void;
}

const SPEED_LABELS: Readonly<Record<(typeof REPLAY_SPEEDS)[number], string>> = { 0.1: '1/10', 0.25: '1/4', 1: '1x' };

const clock = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** Moves the replay's clock by the real time between frames while it plays. */
function usePlayback(stage: StageStore, playing: boolean): void {
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    const step = (now: number): void => {
      stage.dispatch({ type: 'replay-tick', elapsedMs: now - last });
      last = now;
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [stage, playing]);
}

export function StageBar({ stage, archive, run, live, roomOpen, onRoom }: Props) {
  const state = useFrameValue(stage, () => stage.getState());
  const { replay, frozen } = state;
  usePlayback(stage, replay?.playing ?? false);
  const trace = run && run.outcome !== 'running' ? archive.get(run.runId) : undefined;
  const span = trace && trace.endedAt !== null ? replaySpan(trace) : null;
  const mine = replay !== null && replay.runId === run?.runId;

  // A replay of a run no longer shown (another run brought back, or a new one started) ends.
  useEffect(() => {
    if (replay && !mine) stage.dispatch({ type: 'replay-close' });
  }, [replay, mine, stage]);

  return (
    <div className="stage-bar" role="toolbar" aria-label="Stage: pause, replay, room" data-testid="stage-bar">
      <button
        type="button"
        className={frozen ? 'stage-button active' : 'stage-button'}
        aria-pressed={frozen}
        onClick={() => stage.dispatch({ type: 'toggle-freeze' })}
        disabled={mine}
        title="Pause the live panels while the run goes on (F); resuming catches up"
        data-testid="stage-freeze"
      >
        {frozen ? 'Resume live' : 'Pause live'}
      </button>
      {mine && replay ? (
        <>
          <button
            type="button"
            className="stage-button primary"
            onClick={() => stage.dispatch({ type: replay.playing ? 'replay-pause' : 'replay-play' })}
            data-testid="replay-play"
            data-playing={replay.playing ? 'true' : 'false'}
          >
            {replay.playing ? 'Pause' : 'Play'}
          </button>
          <div className="stage-speeds" role="radiogroup" aria-label="Replay speed">
            {REPLAY_SPEEDS.map((speed) => (
              <button
                key={speed}
                type="button"
                role="radio"
                aria-checked={replay.speed === speed}
                className={replay.speed === speed ? 'seg active' : 'seg'}
                onClick={() => stage.dispatch({ type: 'replay-speed', speed })}
                data-testid={`replay-speed-${SPEED_LABELS[speed].replace('/', '-')}`}
              >
                {SPEED_LABELS[speed]}
              </button>
            ))}
          </div>
          <input
            className="stage-scrub"
            type="range"
            aria-label="Replay position"
            min={0}
            max={Math.max(1, Math.round(replay.to - replay.from))}
            step={1}
            value={Math.round(replay.at - replay.from)}
            onChange={(e) => stage.dispatch({ type: 'replay-seek', at: replay.from + Number(e.target.value) })}
            data-testid="replay-scrub"
          />
          <span className="stage-clock" data-testid="replay-clock">
            {clock(replay.at - replay.from)} / {clock(replay.to - replay.from)}
          </span>
          <button type="button" className="link-button" onClick={() => stage.dispatch({ type: 'replay-close' })} data-testid="replay-close">
            End replay
          </button>
        </>
      ) : (
        <button
          type="button"
          className="stage-button"
          disabled={!span || live || !run}
          onClick={() => span && run && stage.dispatch({ type: 'replay-open', runId: run.runId, from: span.from, to: span.to })}
          title={span ? 'Play the run again, slowly, from what was recorded' : 'A finished run can be replayed'}
          data-testid="replay-open"
        >
          Replay{run && span ? ` run #${run.number}` : ''}
        </button>
      )}
      <span className="stage-spacer" />
      <button type="button" className={roomOpen ? 'stage-button active' : 'stage-button'} aria-pressed={roomOpen} onClick={() => onRoom(!roomOpen)} data-testid="room-toggle">
        Room results
      </button>
    </div>
  );
}
