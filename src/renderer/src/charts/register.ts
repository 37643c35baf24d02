/**
 * The chart.js pieces this UI uses, registered once. Registering only these (instead of
 * `registerables`) keeps the bundle small and makes every chart type in the app explicit.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, BarController, BarElement, CategoryScale, Legend, Tooltip);

/** chart.js's Chart, guaranteed registered: import it from here, not from 'chart.js'. */
export { Chart };
