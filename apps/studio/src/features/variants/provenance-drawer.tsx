import { Dialog } from 'radix-ui';
import { Button } from '../../components/ui/button.js';
import type { Provenance } from './variant-model.js';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 6 });

/** How a variant was made, in a side sheet: enough to explain it and to make it again. */
export function ProvenanceDrawer({ provenance, subject }: { provenance: Provenance; subject: string }) {
  const rows: [string, string][] = [
    ['Engine', provenance.engine],
    ['Model', provenance.model ?? '— (no model: offline engine)'],
    ['Prompt hash', provenance.promptHash ?? '— (no prompt)'],
    ['Input hash', provenance.inputHash],
    ['Seed', provenance.seed === null ? '—' : String(provenance.seed)],
    ['Temperature', provenance.temperature === null ? '—' : String(provenance.temperature)],
    ['Tokens', `${provenance.tokens.prompt} prompt + ${provenance.tokens.completion} completion`],
    ['Cost', usd.format(provenance.costUsd)],
    ['Latency', `${Math.round(provenance.latencyMs)} ms`],
    ['Fallback reason', provenance.fallbackReason ?? 'None: the engine asked for produced it'],
  ];
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Provenance of ${subject}`}>
          Provenance
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 w-[min(92vw,26rem)] overflow-y-auto bg-white p-6 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold text-slate-900">Provenance</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-700">How {subject} was made.</Dialog.Description>
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="provenance">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-900">{label}</dt>
                <dd className="break-all font-mono text-xs leading-5 text-slate-800">{value}</dd>
              </div>
            ))}
          </dl>
          <Dialog.Close asChild>
            <Button variant="secondary" className="mt-6">
              Close
            </Button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
