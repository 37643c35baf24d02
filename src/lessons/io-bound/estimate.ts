/** How long a run takes: the standard steps (I/O waits, one step per chosen mode). */
import { standardEstimate } from '../common/standard-estimate';

export const estimate = standardEstimate('io');
