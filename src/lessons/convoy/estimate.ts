/** How long a run takes: the I/O thread for the seconds asked, alone and then beside CPU work a little longer. Pure. */
import { perStep, PROCESS_START_S, type LessonEstimate } from '../../shared/run-estimate';
import { BUSY_SHARE, type ConvoyStep } from './lesson';

export const estimate: LessonEstimate = ({ s }) =>
  perStep<ConvoyStep>({
    alone: s,
    beside: BUSY_SHARE * s,
    apart: PROCESS_START_S + BUSY_SHARE * s,
  });
