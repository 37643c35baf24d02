/** Messages between the engine and its sampler thread. */
import type { CoreSample, MachineInfo } from './results';

export type SamplerCommand = { type: 'start'; hz: number } | { type: 'stop' } | { type: 'machine' };

export type SamplerMessage =
  | { type: 'sample'; sample: CoreSample }
  | { type: 'machine'; machine: MachineInfo }
  | { type: 'error'; message: string };
