/**
 * The engine's check of what the sampler thread sends. It runs third-party code
 * (systeminformation) on another thread, so its words are parsed like any other boundary's;
 * `satisfies` ties these schemas to sampler-protocol.ts so the two cannot drift.
 */
import { z } from './zod-config';
import type { SamplerMessage } from './sampler-protocol';

/** Most logical cores a sample may list: far above any machine the lab runs on. */
const MAX_CORES = 4_096;

const coreSampleSchema = z.object({
  t: z.number(),
  loads: z.array(z.number().min(0).max(100)).max(MAX_CORES),
});

const count = z.number().int().min(0);

const machineInfoSchema = z.object({
  cpuModel: z.string().max(500),
  logicalCores: count,
  physicalCores: count,
  performanceCores: count.nullable(),
  efficiencyCores: count.nullable(),
  os: z.string().max(500),
  arch: z.string().max(100),
  totalMemoryBytes: z.number().min(0),
});

export const samplerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sample'), sample: coreSampleSchema }),
  z.object({ type: z.literal('machine'), machine: machineInfoSchema }),
  z.object({ type: z.literal('error'), message: z.string().max(2000) }),
]) satisfies z.ZodType<SamplerMessage>;
