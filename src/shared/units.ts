/**
 * The switch interval has one unit inside the lab: microseconds, as the GIL's shared word holds
 * it (CPython keeps `interval` in µs too). A lesson and a request speak milliseconds; `switchInterval`
 * is the one conversion, and the brand keeps a millisecond figure from passing for it.
 */
export type SwitchInterval = number & { readonly __unit: 'switch interval in µs' };

/** A request's (or a lesson's) milliseconds as the interval the GIL is given. */
export const switchInterval = (ms: number): SwitchInterval => (ms * 1000) as SwitchInterval;
