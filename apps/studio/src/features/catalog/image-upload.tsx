import { useEffect, useState } from 'react';
import { readableError } from '../../api/problem.js';
import { uploadWithProgress } from '../../api/upload.js';
import { Alert } from '../../components/ui/alert.js';
import { Button } from '../../components/ui/button.js';

/** What to do about each refusal of an image upload, beside the server's own detail. */
export function imageUploadAdvice(status: number | null): string {
  if (status === 413) return 'The image is too large. Choose a smaller file or one with fewer pixels.';
  if (status === 415) return 'That format is not accepted. Use JPEG, PNG, WebP, AVIF or GIF.';
  if (status === 422) return 'The file could not be read as an image. It may be damaged or not an image at all.';
  return 'The image was not uploaded.';
}

/** Pick an image, see it, upload it; the stored asset's id goes to `onUploaded`. */
export function ImageUpload({ onUploaded }: { onUploaded: (assetId: string) => Promise<unknown> }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A new key empties the native file input after an upload.
  const [inputKey, setInputKey] = useState(0);

  useEffect(() => {
    // Only what the browser itself can show gets a preview; the server judges every file anyway.
    const url = file?.type.startsWith('image/') ? URL.createObjectURL(file) : null;
    setPreview(url);
    return () => void (url && URL.revokeObjectURL(url));
  }, [file]);

  async function upload() {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const form = new FormData();
      form.append('file', file);
      const asset = await uploadWithProgress('/v1/assets', form, {
        onProgress: ({ loaded, total }) => setProgress(total ? loaded / total : 0),
      });
      await onUploaded(asset.id);
      setFile(null);
      setInputKey((key) => key + 1);
    } catch (failure) {
      setError(failure);
    } finally {
      setProgress(null);
    }
  }

  const readable = error ? readableError(error) : null;
  return (
    <div className="space-y-3">
      <label className="block text-sm font-medium text-slate-900">
        Choose an image
        <input
          key={inputKey}
          type="file"
          accept="image/*"
          className="mt-1 block text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          onChange={(e) => {
            setError(null);
            setFile(e.target.files?.[0] ?? null);
          }}
        />
      </label>
      {preview && <img src={preview} alt="Preview of the chosen image" className="max-h-48 rounded border border-slate-200" />}
      {readable && (
        <Alert tone="error" title={readable.title}>
          <p>{imageUploadAdvice(readable.status)}</p>
          <p className="mt-1 text-xs">{readable.detail}</p>
        </Alert>
      )}
      {progress !== null && (
        <progress className="w-full" max={1} value={progress} aria-label="Upload progress">
          {Math.round(progress * 100)}%
        </progress>
      )}
      <Button type="button" variant="secondary" disabled={!file || progress !== null} onClick={() => void upload()}>
        Upload image
      </Button>
    </div>
  );
}
