// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyCreatedDialog, type CreatedKey } from '../src/features/settings/key-created.dialog.js';

configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);

const created: CreatedKey = { name: 'CMS integration', role: 'creator', secret: 'pk_live_0123456789abcdef0123456789' };

/** The dialog as the keys card holds it: the secret lives in state until the dialog closes. */
function Harness({ copy }: { copy: (text: string) => Promise<void> }) {
  const [shown, setShown] = useState<CreatedKey | null>(created);
  return (
    <>
      <p data-testid="held">{shown ? 'holding the secret' : 'secret dropped'}</p>
      <KeyCreatedDialog created={shown} onClose={() => setShown(null)} copy={copy} />
    </>
  );
}

describe('the key-created dialog', () => {
  it('shows the secret once with a copy button, and drops it when closed', async () => {
    const clipboard: string[] = [];
    render(<Harness copy={async (text) => void clipboard.push(text)} />);
    const dialog = await screen.findByRole('dialog', { name: 'Key “CMS integration” created' });
    expect(dialog.textContent).toMatch(/shown this once/);
    expect(dialog.textContent).toMatch(/creator/);
    expect((screen.getByLabelText('Secret') as HTMLInputElement).value).toBe(created.secret);

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied to the clipboard.');
    expect(clipboard).toEqual([created.secret]);

    fireEvent.click(screen.getByRole('button', { name: 'I have stored it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('held').textContent).toBe('secret dropped');
    expect(document.body.innerHTML).not.toContain(created.secret);
  });

  it('says how to copy by hand when the browser refuses the clipboard', async () => {
    render(<Harness copy={() => Promise.reject(new DOMException('denied', 'NotAllowedError'))} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Copy' }));
    await screen.findByText(/select the secret and copy it by hand/);
    expect(screen.queryByText('Copied to the clipboard.')).toBeNull();
  });

  it('renders nothing without a created key', () => {
    render(<KeyCreatedDialog created={null} onClose={() => undefined} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
