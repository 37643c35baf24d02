/**
 * Saving what the room just saw: a picture of the window (desktop app: its own capture, saved
 * through the system dialog or copied), and the session's numbers as CSV or JSON (the browser
 * edition downloads them). Every refusal or failure is shown as a sentence, never thrown.
 */
import { useState } from 'react';
import type { LabApi } from '../../../shared/api';
import type { MachineInfo, ModeResult } from '../../../shared/results';
import { exportName, resultsCsv, sessionJson } from '../lib/export-data';
import type { RunArchive } from '../state/run-archive';
import type { RunRecord } from '../state/session';

interface Props {
  api: LabApi;
  /** The desktop app can capture its window, show a save dialog and use the clipboard. */
  desktop: boolean;
  machine: MachineInfo | null;
  runs: readonly RunRecord[];
  results: readonly ModeResult[];
  archive: RunArchive;
}

/** Saves text as a download, for the browser edition. */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportMenu({ api, desktop, machine, runs, results, archive }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const done = (text: string): void => {
    setNote(text);
    setTimeout(() => setNote((current) => (current === text ? null : current)), 4000);
  };
  const fail = (error: unknown): void => done(error instanceof Error ? error.message : String(error));

  const saveText = async (extension: 'csv' | 'json'): Promise<void> => {
    const name = exportName(extension);
    const text = extension === 'csv' ? resultsCsv(results, runs) : sessionJson(machine, runs, results, runs.map((r) => archive.get(r.runId)));
    if (!desktop) {
      download(name, text, extension === 'csv' ? 'text/csv' : 'application/json');
      return done(`Downloaded ${name}`);
    }
    const { path } = await api.saveFile({ name, data: text, encoding: 'utf8' });
    if (path) done(`Saved ${path}`);
  };

  const picture = async (copy: boolean): Promise<void> => {
    const { pngBase64 } = await api.capturePage();
    if (copy) {
      await api.copyImage({ pngBase64 });
      return done('Picture copied');
    }
    const { path } = await api.saveFile({ name: exportName('png'), data: pngBase64, encoding: 'base64' });
    if (path) done(`Saved ${path}`);
  };

  const empty = results.length === 0;
  return (
    <div className="export" role="group" aria-label="Save" data-testid="export">
      {note ? (
        <span className="export-note" role="status">
          {note}
        </span>
      ) : null}
      {desktop ? (
        <>
          <button type="button" className="header-button" onClick={() => picture(false).catch(fail)} data-testid="export-png">
            Save picture
          </button>
          <button type="button" className="header-button" onClick={() => picture(true).catch(fail)} data-testid="export-copy">
            Copy picture
          </button>
        </>
      ) : null}
      <button type="button" className="header-button" disabled={empty} onClick={() => saveText('csv').catch(fail)} data-testid="export-csv">
        CSV
      </button>
      <button type="button" className="header-button" disabled={empty} onClick={() => saveText('json').catch(fail)} data-testid="export-json">
        JSON
      </button>
    </div>
  );
}
