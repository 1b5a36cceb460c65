import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { Button } from '../../components/ui/button.js';

export interface CreatedKey {
  name: string;
  role: string;
  secret: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * The one time a key's secret is shown: the API never returns it again, so the dialog says so,
 * offers a copy button, and the caller drops the secret when it closes.
 */
export function KeyCreatedDialog({
  created,
  onClose,
  copy = (text) => navigator.clipboard.writeText(text),
}: {
  created: CreatedKey | null;
  onClose: () => void;
  /** How the secret reaches the clipboard (the browser's clipboard unless a test gives another). */
  copy?: (text: string) => Promise<void>;
}) {
  const [copyState, setCopyState] = useState<CopyState>('idle');

  async function copySecret(secret: string) {
    try {
      await copy(secret);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <Dialog.Root
      open={created !== null}
      onOpenChange={(open) => {
        if (!open) {
          setCopyState('idle');
          onClose();
        }
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/4 left-1/2 w-[min(92vw,34rem)] -translate-x-1/2 rounded-lg bg-white p-6 shadow-lg">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Key “{created?.name}” created</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700">
            Copy the secret now: it is shown this once and cannot be read again. Anyone holding it acts with the <strong>{created?.role}</strong> role.
          </Dialog.Description>
          {created && (
            <div className="mt-4 space-y-2">
              <label htmlFor="created-key-secret" className="block text-sm font-medium text-slate-900">
                Secret
              </label>
              <div className="flex gap-2">
                <input
                  id="created-key-secret"
                  readOnly
                  value={created.secret}
                  onFocus={(event) => event.currentTarget.select()}
                  className="block w-full rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-sm leading-6 text-slate-900"
                />
                <Button variant="secondary" onClick={() => void copySecret(created.secret)}>
                  Copy
                </Button>
              </div>
              <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700">
                {copyState === 'copied' ? 'Copied to the clipboard.' : copyState === 'failed' ? 'The browser refused the clipboard: select the secret and copy it by hand.' : ''}
              </p>
            </div>
          )}
          <div className="mt-4 flex justify-end">
            <Dialog.Close asChild>
              <Button>I have stored it</Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
