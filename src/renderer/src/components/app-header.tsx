/** The title bar: the app's name and the facts of the machine every figure was measured on. */
import type { ReactNode } from 'react';
import type { MachineInfo } from '../../../shared/results';
import type { ThemeName } from '../lib/theme';

interface Props {
  machine: MachineInfo | null;
  theme: ThemeName;
  onToggleTheme: () => void;
  /** Actions shown before the theme switch (saving pictures and numbers). */
  children?: ReactNode;
}

/** "12 logical / 6 physical cores", plus the P/E split where the OS reports one. */
function coreFacts(machine: MachineInfo): string {
  const parts = [`${machine.logicalCores} logical / ${machine.physicalCores} physical cores`];
  if (machine.performanceCores !== null && machine.efficiencyCores !== null) {
    parts.push(`${machine.performanceCores} P + ${machine.efficiencyCores} E`);
  }
  return parts.join(' · ');
}

/** Shows where the numbers come from, so a room comparing laptops knows what it compares. */
export function AppHeader({ machine, theme, onToggleTheme, children }: Props) {
  return (
    <header className="app-header">
      <h1 className="app-title">GIL Lab</h1>
      <div className="machine" data-testid="machine-info">
        {machine ? (
          <>
            <span className="machine-cpu">{machine.cpuModel}</span>
            <span className="machine-sep" aria-hidden="true">
              ·
            </span>
            <span>{coreFacts(machine)}</span>
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
      <button type="button" className="theme-toggle" onClick={onToggleTheme} data-testid="theme-toggle">
        {theme === 'dark' ? 'Light theme' : 'Dark theme'}
      </button>
    </header>
  );
}
