/**
 * A fetch-compute-store item's waits against its computation: half of it each, as the hybrid
 * lesson's Python waits (python/lessons/hybrid.py: one io_seconds before and after). The hybrid
 * lesson and the strategy lesson's hybrid workload run this same pipeline, so their figures compare.
 */
export const PIPELINE = { fetch: 0.5, store: 0.5 } as const;
