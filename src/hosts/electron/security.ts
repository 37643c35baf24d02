/**
 * Secure defaults for every webContents the app will ever have: a strict Content-Security-Policy,
 * no navigation away from our page, no new windows, no <webview>, no permissions. The page only
 * draws charts and calls the lab API; it needs none of what is refused here.
 */
import { app, session, type WebContents } from 'electron';
import type { RendererLocation } from './renderer-location';

/**
 * The desktop page's policy. The meta tag in src/renderer/index.html carries the same rules (plus
 * the loopback WebSocket the browser edition needs), so whichever of the two a page gets, it is
 * locked down.
 */
export function contentSecurityPolicy(devOrigin: string | undefined): string {
  // In development the page also talks to the dev server's hot-reload socket.
  const connect = devOrigin ? `'self' ${devOrigin.replace(/^http/, 'ws')}` : `'self'`;
  return [
    `default-src 'self'`,
    `script-src 'self'`,
    // Charts and React set element styles inline; scripts stay locked to our own files.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data:`,
    `connect-src ${connect}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

export function setupSecurity(renderer: RendererLocation): void {
  const policy = contentSecurityPolicy(renderer.devOrigin);
  const ses = session.defaultSession;

  // For pages served over http (the dev server). The built page comes from app://lab, whose handler
  // sends the same policy as a header itself (app-protocol.ts); the meta tag is a third copy.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });

  // Camera, notifications, geolocation, clipboard reads...: the lab asks for none of them, so a
  // request can only come from content that should not be there.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => hardenContents(contents, renderer));
}

function hardenContents(contents: WebContents, renderer: RendererLocation): void {
  const refuseUnlessOurs = (event: { preventDefault(): void }, url: string): void => {
    if (!renderer.owns(url)) event.preventDefault();
  };
  // A reload of our own page is allowed; anything else (a dropped file, a stray link) is not.
  contents.on('will-navigate', (event) => refuseUnlessOurs(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseUnlessOurs(event, event.url));
  contents.on('will-redirect', (event) => refuseUnlessOurs(event, event.url));
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
