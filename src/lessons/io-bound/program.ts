/** The standard steps (I/O waits, one step per chosen mode). */
import { standardProgram } from '../common/standard-program';

export const ioBoundProgram = standardProgram('io');
