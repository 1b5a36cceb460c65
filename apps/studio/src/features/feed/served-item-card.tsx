import { Badge } from '../../components/ui/misc.js';
import { cn } from '../../lib/cn.js';
import { choiceOf, servedAs, type FeedItem } from './feed-view.model.js';

/** One item as the user receives it: the served variant's text and image rendition, or the original and why. */
export function ServedItemCard({ item }: { item: FeedItem }) {
  const served = servedAs(item);
  return (
    <li className="flex gap-3 rounded-lg border border-slate-200 bg-white p-3" data-testid="served-item">
      <div className="w-28 shrink-0">
        {item.image ? (
          // Signed URLs load without the API key, exactly as in the user's app.
          <img
            src={item.image.url}
            alt={`${served.variant ? 'Variant image' : 'Original image'} of ${item.content.title}`}
            width={item.image.width}
            height={item.image.height}
            className="h-auto w-28 rounded border border-slate-200 object-contain"
          />
        ) : (
          <div className="flex h-20 w-28 items-center justify-center rounded border border-dashed border-slate-300 text-xs text-slate-700">
            No image
          </div>
        )}
        <p className="mt-1 text-xs text-slate-700">{item.image?.channelFormat ? `${item.image.channelFormat} rendition` : 'item image'}</p>
      </div>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-2">
          <span className="font-mono text-xs text-slate-700">#{item.rank}</span>
          <h3 className="font-semibold text-slate-900">{item.content.title}</h3>
        </div>
        {item.content.summary && <p className="mt-1 text-sm text-slate-800">{item.content.summary}</p>}
        {item.content.cta && <p className="mt-1 text-sm font-medium text-indigo-800">{item.content.cta}</p>}
        <p className={cn('mt-2 inline-block rounded px-2 py-0.5 text-xs font-medium', served.variant ? 'bg-emerald-50 text-emerald-900' : 'bg-amber-50 text-amber-950')} data-testid="served-as">
          {served.label}
        </p>
        <p className="mt-1 text-xs text-slate-700">{choiceOf(item)}</p>
        <div className="mt-1 flex flex-wrap gap-1">
          {item.sources.map((source) => (
            <Badge key={source}>{source}</Badge>
          ))}
        </div>
        {item.explanation && <p className="mt-1 text-sm text-slate-700">{item.explanation.text}</p>}
      </div>
    </li>
  );
}
