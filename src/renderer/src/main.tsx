/** Entry of the renderer: mounts the app; styles are bundled, nothing is fetched from the network. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ErrorBoundary } from './components/error-boundary';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/live-panels.css';
import './styles/results.css';
import './styles/dialogs.css';
import './styles/presentation.css';
import './styles/stage.css';
import './styles/python.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
