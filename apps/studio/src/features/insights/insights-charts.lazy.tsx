import { lazy, Suspense, type ComponentType } from 'react';
import { Skeleton } from '../../components/ui/misc.js';

// recharts (with its d3 and redux parts) is most of the screen's weight: it loads in its own chunk
// after the page has rendered its numbers, which keeps the route within the 250 kB budget.
const charts = () => import('./insights-charts.js');

function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Chart = lazy(async () => ({ default: await load() }));
  return function LazyChart(props: P) {
    return (
      <Suspense fallback={<Skeleton className="h-64 w-full" />}>
        <Chart {...props} />
      </Suspense>
    );
  };
}

export const CtrChart = lazyChart(async () => (await charts()).CtrChart);
export const ProbabilityBestChart = lazyChart(async () => (await charts()).ProbabilityBestChart);
export const ArmUpliftChart = lazyChart(async () => (await charts()).ArmUpliftChart);
export const DailyCtrChart = lazyChart(async () => (await charts()).DailyCtrChart);
export const SegmentCtrChart = lazyChart(async () => (await charts()).SegmentCtrChart);
export const SegmentUpliftChart = lazyChart(async () => (await charts()).SegmentUpliftChart);
