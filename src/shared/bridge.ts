/**
 * How the browser edition's page reaches its host: same origin, WebSocket at BRIDGE_PATH, the
 * page's token passed along as a query parameter (checked on upgrade, with Origin and Host).
 */
export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';
/** Largest frame the host accepts from a page; any real call is far smaller. */
export const MAX_FRAME_BYTES = 64 * 1024;
