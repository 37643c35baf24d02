/**
 * What only the desktop app can do for the page: capture its own window, save a file through the
 * system's save dialog, and put a picture on the clipboard. The browser edition saves downloads
 * instead. Inputs arrive already parsed by the shared schemas; the picture is checked once more
 * to be a PNG before it touches the disk or the clipboard.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, ClipboardItem, dialog, nativeImage, webContents } from 'electron';
import type { DesktopCalls } from '../../engine/service';
import { LabError } from '../../engine/errors';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new LabError('that is not a PNG picture');
  }
  return bytes;
}

function windowOf(client: string): BrowserWindow {
  const contents = webContents.fromId(Number(client));
  const window = contents ? BrowserWindow.fromWebContents(contents) : null;
  if (!window || window.isDestroyed()) throw new LabError('the window asking for this is gone');
  return window;
}

const FILTERS: Record<string, Electron.FileFilter> = {
  png: { name: 'PNG picture', extensions: ['png'] },
  csv: { name: 'CSV table', extensions: ['csv'] },
  json: { name: 'JSON data', extensions: ['json'] },
};

export function desktopCalls(): DesktopCalls {
  return {
    capturePage: async (_input, client) => {
      const image = await windowOf(client).webContents.capturePage();
      const { width, height } = image.getSize();
      return { pngBase64: image.toPNG().toString('base64'), width, height };
    },
    saveFile: async ({ name, data, encoding }, client) => {
      const extension = name.slice(name.lastIndexOf('.') + 1);
      const bytes = extension === 'png' ? png(data) : Buffer.from(data, encoding);
      const folder = app.getPath(extension === 'png' ? 'pictures' : 'documents');
      const choice = await dialog.showSaveDialog(windowOf(client), {
        title: 'Save from GIL Lab',
        defaultPath: join(folder, name),
        filters: [FILTERS[extension] ?? { name: 'All files', extensions: ['*'] }],
      });
      if (choice.canceled || !choice.filePath) return { path: null };
      await writeFile(choice.filePath, bytes);
      return { path: choice.filePath };
    },
    copyImage: async ({ pngBase64 }) => {
      const bytes = png(pngBase64);
      if (nativeImage.createFromBuffer(bytes).isEmpty()) throw new LabError('that picture could not be read');
      // Electron 45's clipboard is the W3C-style one: items of typed Blobs.
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
      return { copied: true };
    },
  };
}
