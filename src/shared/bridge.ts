/**
 * How the browser edition's page reaches its host: same origin, WebSocket at BRIDGE_PATH, the
 * page's token passed along as a query parameter (checked on upgrade, with Origin and Host).
 */
import { z } from './zod-config';

export const BRIDGE_PATH = '/bridge';
export const TOKEN_PARAM = 'token';
/** Largest frame the host accepts from a page; any real call is far smaller. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The id of a reply to a frame whose own id could not be read. */
export const NO_FRAME_ID = -1;

/**
 * A call frame from the page. The call name and input are checked by the lab service against the
 * contract; here only the envelope. Unknown keys (a `"__proto__"` among them) are dropped, never
 * copied onto an object.
 */
export const clientFrameSchema = z.object({
  id: z.int(),
  call: z.string().max(64),
  input: z.unknown().optional(),
});
