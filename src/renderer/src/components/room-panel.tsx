/**
 * A room's results on one slide: the result files attendees exported (the export dialog's run or
 * session JSON), dropped here or picked, one point per laptop. Files are read as text in this page
 * and checked against a schema (store/room.ts, shared/room-schemas.ts); nothing is sent anywhere.
 */
import { useState, type DragEvent } from 'react';
import { ROOM_FILE_BYTES, ROOM_FILES } from '../../../shared/room-schemas';
import type { ThemeName } from '../drawing/look';
import type { RoomInput, RoomState } from '../store/room';
import { RoomChart } from './charts/room-chart';

interface Props {
  room: RoomState;
  theme: ThemeName;
  onFiles: (files: readonly RoomInput[]) => void;
  onClear: () => void;
  onClose: () => void;
}

/** A file's text, unread when it is over the cap (its size says so before a byte is read). */
async function readFiles(list: FileList | null): Promise<RoomInput[]> {
  const files = Array.from(list ?? []).slice(0, ROOM_FILES + 1);
  return Promise.all(files.map(async (file) => ({ name: file.name, bytes: file.size, text: file.size > ROOM_FILE_BYTES ? null : await file.text() })));
}

const speed = (value: number | undefined): string => (value === undefined ? '–' : `${value.toFixed(2)}x`);

export function RoomPanel({ room, theme, onFiles, onClear, onClose }: Props) {
  const [over, setOver] = useState(false);
  const take = (list: FileList | null): void => {
    readFiles(list).then(onFiles, () => onFiles([]));
  };
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files);
  };
  const { entries } = room;
  return (
    <section
      className={over ? 'panel room dropping' : 'panel room'}
      aria-label="Room results"
      data-testid="room-panel"
      data-laptops={entries.length}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="room-head">
        <h2 className="panel-title">
          The room's laptops <span className="panel-sub">· {entries.length} file{entries.length === 1 ? '' : 's'} · cores against speedup</span>
        </h2>
        <label className="stage-button room-pick" data-export-skip="true">
          Add result files…
          <input
            type="file"
            accept=".json,application/json"
            multiple
            className="visually-hidden"
            data-testid="room-file"
            onChange={(event) => {
              take(event.target.files);
              event.target.value = '';
            }}
          />
        </label>
        {entries.length > 0 ? (
          <button type="button" className="link-button" onClick={onClear} data-export-skip="true" data-testid="room-clear">
            Clear
          </button>
        ) : null}
        <button type="button" className="link-button" onClick={onClose} data-export-skip="true" data-testid="room-close">
          Back to results
        </button>
      </div>
      {room.notes.length > 0 ? (
        <ul className="room-notes" role="status" data-testid="room-notes" data-export-skip="true">
          {room.notes.slice(0, 4).map((note, i) => (
            <li key={i}>{note}</li>
          ))}
          {room.notes.length > 4 ? <li>…and {room.notes.length - 4} more.</li> : null}
        </ul>
      ) : null}
      {entries.length === 0 ? (
        <p className="chart-empty room-empty">
          Drop the result files attendees exported here (Export → Run data or Session, JSON), or pick them. They are read on this computer only: up to {ROOM_FILES} files of{' '}
          {ROOM_FILE_BYTES / 1024 / 1024} MB each.
        </p>
      ) : (
        <div className="room-body">
          <div className="room-chart-box">
            <RoomChart entries={entries} theme={theme} />
          </div>
          <ol className="room-list" aria-label="Laptops" data-testid="room-list">
            {entries.map((e) => (
              <li key={e.key} title={e.file}>
                <strong>{e.machine}</strong> · {e.cores} cores · threads {speed(e.points.find((p) => p.mode === 'threads')?.speedup)} · processes{' '}
                {speed(e.points.find((p) => p.mode === 'processes')?.speedup)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
