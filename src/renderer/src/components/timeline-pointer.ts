/**
 * The lock timeline under the pointer: the wheel zooms around the time under it, a drag pans, a
 * hover (or a tap) asks what is there. The maths is drawing/timeline-view.ts; the zoom lives in
 * the stage store, so the painter, the reset control and the tests see one window.
 */
import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { TimelinePainter } from '../drawing/timeline-draw';
import { domainEnd, liveDomainEnd } from '../drawing/timeline-geometry';
import { panBy, zoomAround } from '../drawing/timeline-view';
import type { StageStore, ViewWindow } from '../store/stage';

interface Options {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  painterRef: RefObject<TimelinePainter | null>;
  stage: StageStore;
  live: boolean;
  /** The pointer rests at (x, y), layout pixels of the canvas. */
  onHover: (x: number, y: number) => void;
  onLeave: () => void;
}

/** Pixels a press may move and still be a tap (which shows what is under it, for touch screens). */
const TAP_PX = 4;

/** Layout pixels of the canvas under a pointer (the stage's CSS zoom scales client pixels). */
function canvasPoint(canvas: HTMLCanvasElement, clientX: number, clientY: number): { x: number; y: number } {
  const box = canvas.getBoundingClientRect();
  const scale = canvas.offsetWidth > 0 ? box.width / canvas.offsetWidth : 1;
  return { x: (clientX - box.left) / scale, y: (clientY - box.top) / scale };
}

export function useTimelinePointer({ canvasRef, painterRef, stage, live, onHover, onLeave }: Options) {
  const drag = useRef<{ id: number; x: number; y: number; view: ViewWindow; moved: boolean } | null>(null);
  const hover = useRef(onHover);
  hover.current = onHover;

  /** The step's whole axis, the window drawn and the scale, from what the painter shows now. */
  const shown = () => {
    const showing = painterRef.current?.showing();
    if (!showing) return null;
    const domain = live ? liveDomainEnd(showing.timeline.end) : domainEnd(showing.timeline.end);
    return { domain, g: showing.g, view: { t0: showing.view.t0, t1: showing.view.t1 } };
  };

  const setView = (view: ViewWindow, domain: number): void => {
    // Zoomed all the way out is no zoom: the live axis grows again.
    if (view.t0 <= 0 && view.t1 >= domain) stage.dispatch({ type: 'zoom-reset' });
    else stage.dispatch({ type: 'zoom', view });
  };

  /** Zooms by `factor` around layout x (the middle when null). */
  const zoomBy = (factor: number, x: number | null = null): void => {
    const now = shown();
    if (!now) return;
    const at = x === null ? (now.view.t0 + now.view.t1) / 2 : now.view.t0 + (x - now.g.gutter) / now.g.pxPerMs;
    setView(zoomAround(now.view, now.domain, at, factor), now.domain);
  };
  const zoomRef = useRef(zoomBy);
  zoomRef.current = zoomBy;

  // React's wheel listener is passive; zooming must keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const delta = event.deltaMode === 1 ? event.deltaY * 30 : event.deltaY;
      zoomRef.current(Math.exp(Math.max(-300, Math.min(300, delta)) * 0.003), canvasPoint(canvas, event.clientX, event.clientY).x);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [canvasRef]);

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLCanvasElement>) {
      const now = shown();
      if (!now || event.button !== 0) return;
      const { x, y } = canvasPoint(event.currentTarget, event.clientX, event.clientY);
      drag.current = { id: event.pointerId, x, y, view: now.view, moved: false };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    onPointerMove(event: PointerEvent<HTMLCanvasElement>) {
      const { x, y } = canvasPoint(event.currentTarget, event.clientX, event.clientY);
      const held = drag.current;
      if (!held || held.id !== event.pointerId) return hover.current(x, y);
      if (!held.moved && Math.abs(x - held.x) < TAP_PX) return;
      held.moved = true;
      const now = shown();
      if (!now) return;
      onLeave();
      setView(panBy(held.view, now.domain, -(x - held.x) / now.g.pxPerMs), now.domain);
    },
    onPointerUp(event: PointerEvent<HTMLCanvasElement>) {
      const held = drag.current;
      drag.current = null;
      if (!held || held.id !== event.pointerId) return;
      if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
      if (!held.moved) hover.current(held.x, held.y);
    },
    onPointerLeave() {
      if (!drag.current) onLeave();
    },
  };

  return { handlers, zoomBy };
}
