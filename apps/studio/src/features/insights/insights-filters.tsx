import { useState, type FormEvent } from 'react';
import { $api } from '../../api/client.js';
import { Button } from '../../components/ui/button.js';
import { Field } from '../../components/ui/field.js';
import { Input, Select } from '../../components/ui/input.js';
import type { InsightsFilters } from './insights-view.model.js';

/** Item, segment and a range of days (UTC, both ends included); applied to the URL, so a view can be linked. */
export function InsightsFilterForm({
  filters,
  itemIds,
  rangeError,
  onApply,
}: {
  filters: InsightsFilters;
  /** Items that have tests, suggested as the item id is typed. */
  itemIds: readonly string[];
  rangeError: string | undefined;
  onApply: (filters: InsightsFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const segments = $api.useQuery('get', '/v1/segments', { params: { query: { limit: 500 } } });
  const set = (key: keyof InsightsFilters) => (value: string) => setDraft((current) => ({ ...current, [key]: value || undefined }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({ ...draft, itemId: draft.itemId?.trim() || undefined });
  }

  return (
    <form onSubmit={submit} aria-label="Insights filters" className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_1fr_1fr_auto]">
      <Field label="Item id">
        <Input list="insights-item-ids" value={draft.itemId ?? ''} maxLength={64} autoComplete="off" placeholder="any item" onChange={(e) => set('itemId')(e.target.value)} />
      </Field>
      <datalist id="insights-item-ids">
        {itemIds.map((id) => (
          <option key={id} value={id} />
        ))}
      </datalist>
      <Field label="Segment" hint={segments.isError ? 'The segment list could not be loaded.' : undefined}>
        <Select value={draft.segmentId ?? ''} onChange={(e) => set('segmentId')(e.target.value)}>
          <option value="">Any segment</option>
          {segments.data?.items.map((segment) => (
            <option key={segment.id} value={segment.id}>
              {segment.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="From">
        <Input type="date" value={draft.from ?? ''} onChange={(e) => set('from')(e.target.value)} />
      </Field>
      <Field label="To" error={rangeError}>
        <Input type="date" value={draft.to ?? ''} onChange={(e) => set('to')(e.target.value)} />
      </Field>
      {/* Level with the controls (below their labels), whether or not a field shows an error. */}
      <div className="flex gap-2 lg:pt-6">
        <Button type="submit">Apply filters</Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
