import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api } from '../../api/client.js';
import { Skeleton } from '../../components/ui/misc.js';

/** Asset bytes need the API key, which an <img src> cannot send: fetched as a blob instead. */
export function AssetImage({ assetId, alt, className }: { assetId: string; alt: string; className?: string }) {
  const blob = useQuery({
    queryKey: ['asset-content', assetId],
    staleTime: Infinity,
    queryFn: async ({ signal }) => {
      const { data, error } = await api.GET('/v1/assets/{id}/content', { params: { path: { id: assetId } }, parseAs: 'blob', signal });
      if (error !== undefined) throw error;
      return data as Blob;
    },
  });
  const url = useMemo(() => (blob.data ? URL.createObjectURL(blob.data) : null), [blob.data]);
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  if (blob.isError) return <p className="text-sm text-red-700">The image could not be loaded.</p>;
  if (!url) return <Skeleton className={className ?? 'h-48 w-full'} />;
  return <img src={url} alt={alt} className={className} />;
}
