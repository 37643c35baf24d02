/**
 * What the browser edition's host allows one page, and any local program, to hold. Each figure is
 * far above what the lab's own page uses, and far below what would hurt the host.
 */
export interface HostLimits {
  /** Bytes a page may leave unread before the host closes its socket (a tab frozen by a debugger). */
  maxBufferedBytes: number;
  /** Pages connected at once. A tab uses one socket; a workshop projector and a laptop, a few. */
  maxPages: number;
  /** Calls of one page awaiting their reply. The page sends a handful; a flood is refused. */
  maxCallsInFlight: number;
  /** A page that has not answered a ping within this long is taken for dead and dropped. */
  heartbeatMs: number;
  /**
   * How long a run outlives its last page. A reload reconnects well within it; a closed tab or a
   * crashed browser does not, and the run is cancelled instead of burning the cores for nobody.
   */
  detachGraceMs: number;
  /** Time a client has to send its request headers (slow clients hold a socket no longer). */
  headersTimeoutMs: number;
  /** Time a client has to send a whole request. */
  requestTimeoutMs: number;
  /** Open HTTP connections; beyond this the host refuses new ones until some close. */
  maxConnections: number;
}

export const HOST_LIMITS: HostLimits = {
  maxBufferedBytes: 4 * 1024 * 1024,
  maxPages: 8,
  maxCallsInFlight: 32,
  heartbeatMs: 10_000,
  detachGraceMs: 5_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  maxConnections: 256,
};

/** WebSocket close codes the host uses, with the sentence the page is given. */
export const CLOSE = {
  tooManyPages: { code: 1013, reason: (max: number) => `The lab already has ${max} pages open; close one, then reload this one.` },
  notReading: { code: 1008, reason: "This page stopped reading the lab's messages; reload it." },
} as const;
