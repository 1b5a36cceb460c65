import { formatCost, formatCount, type GenerationEstimate } from './job-format.js';

/**
 * The API's estimate of a job: what it makes, what it asks the LLM, what it costs; with the items
 * and segments it crosses when known (the wizard's preview says; a stored job keeps the estimate).
 */
export function EstimateSummary({ estimate, items, segments }: { estimate: GenerationEstimate; items?: number; segments?: number }) {
  const rows: [string, string][] = [
    ...(items !== undefined ? [['Items', formatCount(items)] as [string, string]] : []),
    ...(segments !== undefined ? [['Segments', formatCount(segments)] as [string, string]] : []),
    ['Variants', formatCount(estimate.variants)],
    ['LLM requests', formatCount(estimate.llmRequests)],
    ['Tokens', `${formatCount(estimate.tokens.prompt + estimate.tokens.completion)} (${formatCount(estimate.tokens.prompt)} prompt + ${formatCount(estimate.tokens.completion)} completion)`],
    ['Cost', formatCost(estimate)],
  ];
  return (
    <dl data-testid="job-estimate" className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt className="text-slate-700">{term}</dt>
          <dd className="text-lg font-semibold text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
