/**
 * The lock timeline under the pointer: the wheel zooms around the time under it, a drag pans, a
 * hover (or a tap) asks what is there. With more rows than fit, the rows scroll: the wheel scrolls
 * them (Ctrl or a trackpad's pinch zooms) and a drag moves them too. The maths is
 * drawing/timeline-view.ts; the zoom lives in the stage store, so the painter, the reset control
 * and the tests see one window.
 */
import { useEffect, useRef, type PointerEvent, type RefObject } from 'react';
import type { TimelinePainter } from '../drawing/timeline-painter';
import { domainEnd, liveDomainEnd } from '../drawing/timeline-geometry';
import { panBy, zoomAround } from '../drawing/timeline-view';
import type { StageStore, ViewWindow } from '../store/stage';

interface Options {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** The element holding the canvas (and the rows' scroller): it takes the pointer and the wheel. */
  bodyRef: RefObject<HTMLElement | null>;
  /** The rows' scroller, when they scroll. */
  scrollRef: RefObject<HTMLElement | null>;
  painterRef: RefObject<TimelinePainter | null>;
  stage: StageStore;
  live: boolean;
  /** The pointer rests at (x, y), layout pixels of the canvas. */
  onHover: (x: number, y: number) => void;
  onLeave: () => void;
}

/** Pixels a press may move and still be a tap (which shows what is under it, for touch screens). */
const TAP_PX = 4;

/** Layout pixels of an element under a pointer (the stage's CSS zoom scales client pixels). */
function layoutPoint(element: HTMLElement, clientX: number, clientY: number): { x: number; y: number } {
  const box = element.getBoundingClientRect();
  const scale = element.offsetWidth > 0 ? box.width / element.offsetWidth : 1;
  return { x: (clientX - box.left) / scale, y: (clientY - box.top) / scale };
}

/** Layout px scrolled, and how many of the scroller's own units make one (they differ under a zoom). */
export function scrolledRows(scroller: HTMLElement, content: number): { top: number; unit: number } {
  const unit = content > 0 && scroller.scrollHeight > 0 ? scroller.scrollHeight / content : 1;
  return { top: scroller.scrollTop / unit, unit };
}

export function useTimelinePointer({ canvasRef, bodyRef, scrollRef, painterRef, stage, live, onHover, onLeave }: Options) {
  const drag = useRef<{ id: number; x: number; y: number; view: ViewWindow; scrollTop: number; moved: boolean } | null>(null);
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
    const body = bodyRef.current;
    const canvas = canvasRef.current;
    if (!body || !canvas) return;
    const onWheel = (event: WheelEvent): void => {
      const delta = event.deltaMode === 1 ? event.deltaY * 30 : event.deltaY;
      const scroller = scrollRef.current;
      if (scroller && !event.ctrlKey && !event.metaKey) {
        // Over the rows the scroller scrolls itself; over the axis it is scrolled for it.
        if (event.target instanceof Node && scroller.contains(event.target)) return;
        event.preventDefault();
        scroller.scrollTop += delta;
        return;
      }
      event.preventDefault();
      zoomRef.current(Math.exp(Math.max(-300, Math.min(300, delta)) * 0.003), layoutPoint(canvas, event.clientX, event.clientY).x);
    };
    body.addEventListener('wheel', onWheel, { passive: false });
    return () => body.removeEventListener('wheel', onWheel);
  }, [bodyRef, canvasRef, scrollRef]);

  const point = (event: PointerEvent<HTMLElement>): { x: number; y: number } => layoutPoint(canvasRef.current ?? event.currentTarget, event.clientX, event.clientY);

  const handlers = {
    onPointerDown(event: PointerEvent<HTMLElement>) {
      const now = shown();
      if (!now || event.button !== 0) return;
      const scroller = scrollRef.current;
      // A press on the scroll bar is the scroll bar's.
      if (scroller && event.target === scroller && layoutPoint(scroller, event.clientX, event.clientY).x >= scroller.clientWidth) return;
      const { x, y } = point(event);
      drag.current = { id: event.pointerId, x, y, view: now.view, scrollTop: scroller?.scrollTop ?? 0, moved: false };
      event.currentTarget.setPointerCapture(event.pointerId);
    },
    onPointerMove(event: PointerEvent<HTMLElement>) {
      const { x, y } = point(event);
      const held = drag.current;
      if (!held || held.id !== event.pointerId) return hover.current(x, y);
      const scroller = scrollRef.current;
      // Rows that scroll move with a drag up or down; otherwise only across counts.
      if (!held.moved && Math.abs(x - held.x) < TAP_PX && !(scroller && Math.abs(y - held.y) >= TAP_PX)) return;
      held.moved = true;
      onLeave();
      if (scroller) scroller.scrollTop = held.scrollTop - (y - held.y) * scrolledRows(scroller, Number(scroller.dataset.content)).unit;
      const now = shown();
      if (!now) return;
      const view = panBy(held.view, now.domain, -(x - held.x) / now.g.pxPerMs);
      if (view.t0 !== now.view.t0 || view.t1 !== now.view.t1) setView(view, now.domain);
    },
    onPointerUp(event: PointerEvent<HTMLElement>) {
      const held = drag.current;
      drag.current = null;
      if (!held || held.id !== event.pointerId) return;
      if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
      if (!held.moved) hover.current(held.x, held.y);
    },
    onPointerCancel() {
      drag.current = null;
    },
    onPointerLeave() {
      if (!drag.current) onLeave();
    },
  };

  return { handlers, zoomBy };
}
