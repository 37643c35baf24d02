import { describe, expect, it } from 'vitest';
import { planOpen } from './open-browser';

const url = 'http://127.0.0.1:41234/';
const desktop = { DISPLAY: ':0' };

describe('planOpen', () => {
  it('opens the default browser on each OS', () => {
    expect(planOpen(url, { noOpen: false, env: desktop, platform: 'linux' })).toEqual({ open: true, command: 'xdg-open', args: [url], viaShell: false });
    expect(planOpen(url, { noOpen: false, env: {}, platform: 'darwin' })).toMatchObject({ open: true, command: 'open', args: [url] });
    expect(planOpen(url, { noOpen: false, env: {}, platform: 'win32' })).toMatchObject({ open: true, command: 'rundll32', args: ['url.dll,FileProtocolHandler', url] });
  });

  it('declines when asked not to, on CI, and on Linux without a display', () => {
    expect(planOpen(url, { noOpen: true, env: desktop, platform: 'linux' })).toMatchObject({ open: false, reason: expect.stringContaining('--no-open') });
    expect(planOpen(url, { noOpen: false, env: { ...desktop, BROWSER: 'none' }, platform: 'linux' })).toMatchObject({ open: false });
    expect(planOpen(url, { noOpen: false, env: { ...desktop, CI: 'true' }, platform: 'linux' })).toMatchObject({ open: false, reason: 'running under CI' });
    expect(planOpen(url, { noOpen: false, env: {}, platform: 'linux' })).toMatchObject({ open: false, reason: expect.stringContaining('no display') });
    expect(planOpen(url, { noOpen: false, env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toMatchObject({ open: true });
    expect(planOpen(url, { noOpen: false, env: { ...desktop, CI: 'false' }, platform: 'linux' })).toMatchObject({ open: true });
  });

  it('honours BROWSER as a command, with %s for the address', () => {
    expect(planOpen(url, { noOpen: false, env: { BROWSER: 'firefox --new-tab' }, platform: 'linux' })).toEqual({ open: true, command: `firefox --new-tab '${url}'`, args: [], viaShell: true });
    expect(planOpen(url, { noOpen: false, env: { BROWSER: 'chromium --app=%s' }, platform: 'linux' })).toMatchObject({ command: `chromium --app='${url}'` });
  });
});
