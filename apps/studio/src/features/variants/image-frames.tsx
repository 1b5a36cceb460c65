import { AssetImage } from '../catalog/asset-image.js';
import { CHANNEL_FORMAT_LABELS, type ImageRendition } from './variant-model.js';

/**
 * Each rendition in a frame of its real aspect ratio (1:1, 4:5, 9:16, 1.91:1), all at one height,
 * so a reviewer sees the crop the channel will show.
 */
export function ImageFrames({ renditions, subject }: { renditions: readonly ImageRendition[]; subject: string }) {
  if (renditions.length === 0) return <p className="text-sm text-slate-700">No renditions.</p>;
  return (
    <ul className="flex flex-wrap items-end gap-3" aria-label={`Image renditions of ${subject}`}>
      {renditions.map((rendition) => {
        const label = CHANNEL_FORMAT_LABELS[rendition.channelFormat];
        return (
          <li key={rendition.assetId} className="flex flex-col items-start gap-1">
            <div
              className="h-40 overflow-hidden rounded border border-slate-300 bg-slate-100"
              style={{ aspectRatio: `${rendition.width} / ${rendition.height}` }}
              data-testid="rendition-frame"
              data-format={rendition.channelFormat}
            >
              <AssetImage assetId={rendition.assetId} alt={`${label} rendition of ${subject}`} className="h-full w-full object-cover" />
            </div>
            <span className="text-xs text-slate-700">
              {label} · {rendition.width}×{rendition.height} {rendition.format}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
