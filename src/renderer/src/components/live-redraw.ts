/**
 * Redraws a live panel on each frame its source changed, except while the stage is paused; on
 * resume it draws once, catching up on what arrived meanwhile. Shared by the core lanes and the heat
 * strip, which must pause and resume alike.
 */
import { frameSignal, type Versioned } from '../drawing/frame-signal';
import type { StageStore } from '../store/stage';

export function redrawWhileLive(source: Versioned, stage: StageStore, redraw: () => void): () => void {
  const paused = (): boolean => stage.getState().frozen;
  const offSource = frameSignal(source).subscribe(() => paused() || redraw());
  let was = paused();
  const offStage = frameSignal(stage).subscribe(() => {
    if (was && !paused()) redraw();
    was = paused();
  });
  return () => {
    offSource();
    offStage();
  };
}
