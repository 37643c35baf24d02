/** How long a run takes: its steps are its modes, each as the basic lessons run it. */
import { standardEstimate } from '../common/standard-estimate';

export const estimate = standardEstimate('cpu');
