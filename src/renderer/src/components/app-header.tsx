/** The title bar: the app's name, the facts of the machine every figure was measured on, and the stage's switches. */
import type { ReactNode } from 'react';
import type { MachineInfo } from '../../../shared/results';
import type { ThemeName } from '../drawing/look';

interface Props {
  machine: MachineInfo | null;
  theme: ThemeName;
  presentation: boolean;
  onToggleTheme: () => void;
  onTogglePresentation: () => void;
  onExport: () => void;
  onHelp: () => void;
  /** Where the figures also come from: the real interpreter chooser. */
  children?: ReactNode;
}

/** "12 logical / 6 physical cores", or on Apple Silicon "… (8 performance + 4 efficiency)". */
export function coreFacts(machine: MachineInfo): string {
  const total = `${machine.logicalCores} logical / ${machine.physicalCores} physical cores`;
  if (machine.performanceCores === null || machine.efficiencyCores === null) return total;
  return `${total} (${machine.performanceCores} performance + ${machine.efficiencyCores} efficiency)`;
}

/** Shows where the numbers come from, so a room comparing laptops knows what it compares. */
export function AppHeader({ machine, theme, presentation, onToggleTheme, onTogglePresentation, onExport, onHelp, children }: Props) {
  return (
    <header className="app-header">
      <h1 className="app-title">GIL Lab</h1>
      <div className="machine" data-testid="machine-info" title={machine ? `${machine.cpuModel} · ${coreFacts(machine)} · ${machine.os} ${machine.arch}` : undefined}>
        {machine ? (
          <>
            <span className="machine-cpu">{machine.cpuModel}</span>
            <span className="machine-sep" aria-hidden="true">
              ·
            </span>
            <span data-testid="machine-cores">{coreFacts(machine)}</span>
            <span className="machine-sep" aria-hidden="true">
              ·
            </span>
            <span>
              {machine.os} {machine.arch}
            </span>
          </>
        ) : (
          <span className="muted">Reading this machine…</span>
        )}
      </div>
      {children}
      <button type="button" className="header-button" onClick={onExport} aria-keyshortcuts="E" data-testid="export-button">
        Export <kbd>E</kbd>
      </button>
      <button type="button" className="header-button" aria-pressed={presentation} onClick={onTogglePresentation} aria-keyshortcuts="P" data-testid="presentation-toggle">
        {presentation ? 'Presenting' : 'Present'} <kbd>P</kbd>
      </button>
      <button type="button" className="theme-toggle" onClick={onToggleTheme} data-testid="theme-toggle">
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
      <button type="button" className="header-button help-button" onClick={onHelp} aria-label="Keys" aria-keyshortcuts="Shift+?" data-testid="help-button">
        ?
      </button>
    </header>
  );
}
