import { changedWordCounts, sideOf, wordDiff, type DiffPart } from './word-diff-parts.js';

/**
 * Two texts side by side with their word-level differences marked: words only on the left are
 * struck through (<del>), words only on the right are underlined (<ins>), so the change reads
 * without colour too.
 */
export function WordDiff({ left, right, leftLabel, rightLabel }: { left: string; right: string; leftLabel: string; rightLabel: string }) {
  const parts = wordDiff(left, right);
  const { removed, added } = changedWordCounts(parts);
  return (
    <div>
      <p className="mb-1 text-xs text-slate-700">
        {removed === 0 && added === 0 ? 'Identical.' : `${removed} word${removed === 1 ? '' : 's'} only in ${leftLabel}, ${added} only in ${rightLabel}.`}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <DiffSide label={leftLabel} parts={sideOf(parts, 'left')} />
        <DiffSide label={rightLabel} parts={sideOf(parts, 'right')} />
      </div>
    </div>
  );
}

function DiffSide({ label, parts }: { label: string; parts: DiffPart[] }) {
  return (
    <figure className="rounded-md border border-slate-200 p-2">
      <figcaption className="mb-1 text-xs font-semibold text-slate-700">{label}</figcaption>
      <p className="whitespace-pre-wrap text-sm leading-6 text-slate-900" data-testid="diff-side">
        {parts.map((part, index) =>
          part.change === 'removed' ? (
            <del key={index} className="rounded bg-red-100 text-red-900">
              {part.text}
            </del>
          ) : part.change === 'added' ? (
            <ins key={index} className="rounded bg-emerald-100 text-emerald-900">
              {part.text}
            </ins>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </p>
    </figure>
  );
}
