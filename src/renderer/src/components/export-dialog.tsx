/**
 * The export dialog (E): a picture of the whole lab or one panel at slide resolution, in the
 * light or dark theme, or the numbers as files. The desktop app saves through its save dialog and
 * can copy the picture; the browser edition downloads, and copies where the browser allows it.
 * Every refusal or failure is shown as a sentence in the dialog, never thrown.
 */
import { useEffect, useRef, useState } from 'react';
import type { LabApi } from '../../../shared/api';
import type { MachineInfo, ModeResult } from '../../../shared/results';
import { labResults, pythonOf } from '../../../shared/side-by-side';
import { exportName, resultsCsv, runJson, sessionJson } from '../export/export-data';
import type { ThemeName } from '../drawing/look';
import { DATA_TARGETS, isPicture, pictureName, PICTURE_TARGETS, slideText, type ExportTarget, type PictureTarget } from '../export/slide';
import { blobToBase64, canvasToPng, download, imageFromBase64 } from '../export/slide-canvas';
import type { RunArchive } from '../store/run-archive';
import type { RunRecord } from '../store/session';
import { ModalDialog } from './modal-dialog';

interface Props {
  api: LabApi;
  desktop: boolean;
  machine: MachineInfo | null;
  runs: readonly RunRecord[];
  results: readonly ModeResult[];
  archive: RunArchive;
  /** The run on screen, and the lesson it belongs to. */
  shown: RunRecord | null;
  lesson: string;
  /** The lock timeline's step on screen, asked when a picture of the timeline is drawn. */
  timelineStep: () => { stepId: string; step: string; mode: string } | null;
  theme: ThemeName;
  /** What is being exported now (the store keeps it: Esc must not close the dialog meanwhile). */
  working: 'save' | 'copy' | null;
  onWorking: (work: 'save' | 'copy' | null) => void;
  onClose: () => void;
}

/** The browser can put a PNG on the clipboard (a secure page with the async clipboard API). */
const browserCopy = (): boolean => typeof ClipboardItem !== 'undefined' && typeof navigator.clipboard?.write === 'function';

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The desktop app's own window capture, with this dialog out of the way. */
async function captureWindow(api: LabApi, overlay: HTMLElement | null): Promise<string> {
  // The window and its backdrop (dialogs.css dims nothing while capturing).
  if (overlay) {
    overlay.style.visibility = 'hidden';
    overlay.dataset.capturing = 'on';
  }
  try {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return (await api.capturePage()).pngBase64;
  } finally {
    if (overlay) {
      overlay.style.visibility = '';
      delete overlay.dataset.capturing;
    }
  }
}

export function ExportDialog({ api, desktop, machine, runs, results, archive, shown, lesson, timelineStep, theme, working, onWorking, onClose }: Props) {
  const [target, setTarget] = useState<ExportTarget>('whole');
  const [look, setLookChoice] = useState<ThemeName>(theme);
  const [note, setNote] = useState<{ text: string; failed: boolean } | null>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const overlayRef = useRef<HTMLDialogElement>(null);
  useEffect(() => saveRef.current?.focus(), []);

  const picture = isPicture(target);
  const canCopy = picture && (desktop || browserCopy());
  const noRun = target === 'run-json' && shown === null;
  /** The engines behind a run's figures, for the slide's subtitle. */
  const enginesOf = (own: readonly ModeResult[]): string | null => {
    const python = pythonOf(own);
    if (!python) return null;
    const label = `CPython ${python.version}${python.freeThreaded ? ' (free-threaded)' : ''}, ${python.executable}`;
    return labResults(own).length > 0 ? `simulation and ${label}` : label;
  };
  const noResults = (target === 'session-csv' || target === 'session-json') && results.length === 0;

  /** Workers as the timeline shows them (a lesson may run a fixed cast whatever the control says). */
  const workersOf = (run: RunRecord): number => Math.max(0, ...(archive.get(run.runId)?.timelines.map((t) => t.rows.length) ?? [])) || run.workers;

  const render = async (which: PictureTarget): Promise<{ blob: Blob; name: string; canvas: HTMLCanvasElement }> => {
    const date = new Date();
    const facts = {
      target: which,
      lesson,
      run: shown ? { number: shown.number, steps: shown.steps.map((s) => s.label), workers: workersOf(shown), outcome: shown.outcome } : null,
      step: which === 'timeline' ? timelineStep() : null,
      engines: shown ? enginesOf(results.filter((r) => r.runId === shown.runId)) : null,
      machine,
      date,
    };
    const text = slideText(facts);
    // Loaded on first use: html-to-image and the slide drawing are a large part of the page's code
    // and most sessions never export.
    const { captureSlide, pictureSlide } = await import('../export/capture');
    let canvas: HTMLCanvasElement;
    try {
      canvas = await pictureSlide(which, look, text);
    } catch (error) {
      // The desktop app can still capture its window as it is on screen.
      if (!desktop || which !== 'whole') throw error;
      canvas = captureSlide(await imageFromBase64(await captureWindow(api, overlayRef.current)), text);
    }
    const blob = await canvasToPng(canvas);
    return { blob, name: pictureName(lesson, which, look, date), canvas };
  };

  const saveData = async (): Promise<string> => {
    let name: string;
    let text: string;
    if (target === 'run-json') {
      if (!shown) throw new Error('Run a lesson first: there is no run to export yet.');
      name = exportName('json', new Date(), `run-${shown.number}`);
      text = runJson(machine, shown, archive.get(shown.runId), results);
    } else if (target === 'session-csv') {
      name = exportName('csv');
      text = resultsCsv(results, runs);
    } else {
      name = exportName('json');
      text = sessionJson(machine, runs, results, runs.map((r) => archive.get(r.runId)));
    }
    if (!desktop) {
      download(name, new Blob([text], { type: target === 'session-csv' ? 'text/csv' : 'application/json' }));
      return `Downloaded ${name}`;
    }
    const { path } = await api.saveFile({ name, data: text, encoding: 'utf8' });
    return path ? `Saved ${path}` : 'Not saved.';
  };

  const save = async (): Promise<string> => {
    if (!isPicture(target)) return saveData();
    const { blob, name, canvas } = await render(target);
    if (!desktop) {
      download(name, blob);
      return `Downloaded ${name} (${canvas.width} x ${canvas.height})`;
    }
    const { path } = await api.saveFile({ name, data: await blobToBase64(blob), encoding: 'base64' });
    return path ? `Saved ${path}` : 'Not saved.';
  };

  const copy = async (): Promise<string> => {
    if (!isPicture(target)) return '';
    const { blob } = await render(target);
    if (desktop) await api.copyImage({ pngBase64: await blobToBase64(blob) });
    else await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    return 'Picture copied: paste it into your slides.';
  };

  const act = (kind: 'save' | 'copy'): void => {
    onWorking(kind);
    setNote(null);
    (kind === 'save' ? save() : copy())
      .then((text) => setNote({ text, failed: false }))
      .catch((error: unknown) => setNote({ text: message(error), failed: true }))
      .finally(() => onWorking(null));
  };

  const option = (id: ExportTarget, label: string) => (
    <button key={id} type="button" role="radio" aria-checked={target === id} className={target === id ? 'seg active' : 'seg'} data-testid={`export-target-${id}`} onClick={() => setTarget(id)}>
      {label}
    </button>
  );

  return (
    <ModalDialog
      dialogRef={overlayRef}
      labelledBy="export-title"
      className="dialog export-dialog"
      testId="export-dialog"
      closable={working === null}
      onClose={onClose}
      data={{ busy: working ? 'true' : 'false', working: working ?? '' }}
    >
        <h2 id="export-title" className="dialog-title">Export</h2>
        <p className="dialog-label">Picture, at slide resolution (2x)</p>
        <div className="options" role="radiogroup" aria-label="Picture">
          {PICTURE_TARGETS.map((t) => option(t.id, t.label))}
        </div>
        <p className="dialog-label">Data</p>
        <div className="options" role="radiogroup" aria-label="Data">
          {DATA_TARGETS.map((t) => option(t.id, t.label))}
        </div>
        <p className="dialog-label">Theme of the picture</p>
        <div className="options" role="radiogroup" aria-label="Theme">
          {(['dark', 'light'] as const).map((t) => (
            <button key={t} type="button" role="radio" aria-checked={look === t} disabled={!picture} className={look === t ? 'seg active' : 'seg'} data-testid={`export-theme-${t}`} onClick={() => setLookChoice(t)}>
              {t === 'dark' ? 'Dark' : 'Light'}
            </button>
          ))}
        </div>
        <p className={note?.failed ? 'dialog-note failed' : 'dialog-note'} role="status" data-testid="export-note">
          {working ? (working === 'copy' ? 'Drawing the picture…' : 'Exporting…') : noRun ? 'Run a lesson first: there is no run to export yet.' : noResults ? 'No results yet: run a lesson first.' : (note?.text ?? '')}
        </p>
        <div className="dialog-actions">
          <button type="button" className="header-button" onClick={onClose} disabled={working !== null} data-testid="export-close">
            Close
          </button>
          {canCopy ? (
            <button type="button" className="header-button" onClick={() => act('copy')} disabled={working !== null} data-testid="export-copy">
              Copy
            </button>
          ) : null}
          <button ref={saveRef} type="button" className="primary-button" onClick={() => act('save')} disabled={working !== null || noRun || noResults} data-testid="export-save">
            {desktop ? 'Save…' : 'Download'}
          </button>
        </div>
    </ModalDialog>
  );
}
