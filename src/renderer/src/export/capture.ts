/**
 * Pictures of what is on screen, at slide resolution. The lab is redrawn for the picture in the
 * chosen theme with every canvas at EXPORT_RATIO (charts rebuild at that pixel ratio, hand-drawn
 * canvases size their backing store by it), laid out at the stage's 1920x1080, and copied from the
 * DOM with html-to-image at the same ratio; then the screen goes back as it was. The desktop app
 * uses the same path (its window capture is at the display's ratio, often 1x) and falls back to
 * capturing its window if the DOM copy fails.
 */
import { toCanvas } from 'html-to-image';
import { getLook, setLook, type ThemeName } from '../drawing/look';
import { composeSlide } from './slide-canvas';
import { EXPORT_RATIO, slideLayout, STAGE_SLIDE, type PictureTarget, type SlideText } from './slide';
import { cssVar } from '../drawing/theme-vars';

/** The element each picture is taken of. */
const SELECTORS: Readonly<Record<PictureTarget, string>> = {
  whole: '.app',
  cores: '[data-testid="cores-panel"]',
  timeline: '[data-testid="timeline-panel"]',
  results: '[data-testid="results-panel"]',
  room: '[data-testid="room-panel"]',
};

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Lets React commit, ResizeObservers report and charts rebuild and draw. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await frame();
  await new Promise((resolve) => setTimeout(resolve, 120));
  await frame();
}

/** Runs `draw` with the lab shown in `theme` at the export's ratio and stage size, then restores it. */
export async function withExportLook<T>(theme: ThemeName, draw: () => Promise<T>): Promise<T> {
  const before = getLook();
  const app = document.querySelector<HTMLElement>('.app');
  app?.setAttribute('data-exporting', 'on');
  setLook({ theme, exportRatio: EXPORT_RATIO });
  try {
    await settle();
    return await draw();
  } finally {
    app?.removeAttribute('data-exporting');
    setLook({ theme: before.theme, exportRatio: before.exportRatio });
  }
}

/** The element of `target`, copied from the DOM at EXPORT_RATIO (call inside withExportLook). */
async function copyElement(target: PictureTarget): Promise<{ canvas: HTMLCanvasElement; width: number; height: number }> {
  const node = document.querySelector<HTMLElement>(SELECTORS[target]);
  if (!node) throw new Error('That panel is not on screen, so there is nothing to take a picture of.');
  // Whole pixels up, so a panel's right and bottom borders are not cut off.
  const box = node.getBoundingClientRect();
  const width = target === 'whole' ? STAGE_SLIDE.width : Math.ceil(box.width);
  const height = target === 'whole' ? STAGE_SLIDE.height : Math.ceil(box.height);
  if (width === 0 || height === 0) throw new Error('That panel is hidden, so there is nothing to take a picture of.');
  const canvas = await toCanvas(node, {
    pixelRatio: EXPORT_RATIO,
    width,
    height,
    canvasWidth: width,
    canvasHeight: height,
    // The slide's own background, so a panel's rounded corners sit on it.
    backgroundColor: cssVar('--bg'),
    // System fonts only: nothing to embed, and nothing to fetch.
    skipFonts: true,
    style: { zoom: '1', margin: '0' },
    filter: (element) => !(element instanceof HTMLElement && element.dataset.exportSkip === 'true'),
  });
  return { canvas, width, height };
}

/** A slide of `target` in `theme`, with its title and caption. */
export async function pictureSlide(target: PictureTarget, theme: ThemeName, text: SlideText): Promise<HTMLCanvasElement> {
  return withExportLook(theme, async () => {
    const { canvas, width, height } = await copyElement(target);
    return composeSlide(canvas, slideLayout({ width, height }, target === 'whole'), text);
  });
}

/** A slide around a window capture (the desktop app's fallback), fitted like the whole lab. */
export function captureSlide(image: HTMLImageElement, text: SlideText): HTMLCanvasElement {
  // The capture is at the display's ratio; lay it out at the stage's aspect.
  const width = STAGE_SLIDE.width;
  const height = (image.naturalHeight / Math.max(1, image.naturalWidth)) * width;
  return composeSlide(image, slideLayout({ width, height }, true), text);
}
