/** How long a run takes: the standard steps (CPU work, one step per chosen mode). */
import { standardEstimate } from '../common/standard-estimate';

export const estimate = standardEstimate('cpu');
