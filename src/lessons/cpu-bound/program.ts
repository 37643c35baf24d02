/** The standard steps (CPU work, one step per chosen mode). */
import { standardProgram } from '../common/standard-program';

export const cpuBoundProgram = standardProgram('cpu');
