/**
 * Draws a slide: the theme's background (opaque, so it sits on any slide template), the title and
 * subtitle, the picture, and the caption, at the layout's pixel ratio.
 */
import type { SlideLayout, SlideText } from './slide';
import { cssVar, fontFamily } from '../drawing/theme-vars';

/** Shortens `text` with an ellipsis until it fits `width` in the context's current font. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The slide as a canvas; colours are read from the theme in force (the export sets it first). */
export function composeSlide(picture: CanvasImageSource, layout: SlideLayout, text: SlideText): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = layout.pixels.width;
  canvas.height = layout.pixels.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw the picture (no 2D canvas).');
  const family = fontFamily();
  const room = layout.width - 2 * layout.margin;
  ctx.scale(layout.ratio, layout.ratio);
  ctx.fillStyle = cssVar('--bg') || '#000';
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillStyle = cssVar('--text');
  ctx.font = `800 ${layout.titleSize}px ${family}`;
  ctx.fillText(fit(ctx, text.title, room), layout.margin, layout.titleY);
  ctx.fillStyle = cssVar('--muted');
  ctx.font = `600 ${layout.subtitleSize}px ${family}`;
  ctx.fillText(fit(ctx, text.subtitle, room), layout.margin, layout.subtitleY);
  ctx.imageSmoothingQuality = 'high';
  const { x, y, width, height } = layout.content;
  ctx.drawImage(picture, x, y, width, height);
  ctx.font = `${layout.captionSize}px ${family}`;
  ctx.fillText(fit(ctx, text.caption, room), layout.margin, layout.captionY);
  return canvas;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png');
  });
}

/** Base64 of a blob, for the desktop app's save and copy calls. */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  // Chunks, because String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** An image from PNG base64 (the desktop app's window capture). */
export function imageFromBase64(pngBase64: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The window capture could not be read.'));
    image.src = `data:image/png;base64,${pngBase64}`;
  });
}

/** Saves a blob as a download (the browser edition). */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
