/**
 * The last line of "never a crash": if drawing the lab throws, the page shows what went wrong and
 * a way back, instead of going blank in front of a room. Engine calls never get here (they land in
 * the lab's error line); this is for bugs in the page itself.
 */
import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="crash">
        <h1>The lab hit a problem while drawing</h1>
        <p>{error.message}</p>
        <p className="muted">Try again redraws the lab; Reload starts the page afresh. Either way this session's results are cleared; the course's progress is kept.</p>
        <div className="dialog-actions">
          <button type="button" className="header-button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button type="button" className="primary-button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
