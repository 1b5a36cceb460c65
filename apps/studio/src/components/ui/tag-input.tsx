import { useState, type KeyboardEvent } from 'react';
import { cn } from '../../lib/cn.js';
import { fieldClass } from './input.js';

/** Tags as chips: Enter or comma adds the typed tag, Backspace on an empty box removes the last. */
export function TagInput({
  value,
  onChange,
  onBlur,
  id,
  placeholder = 'Type a tag and press Enter',
  ...aria
}: {
  value: string[];
  onChange: (tags: string[]) => void;
  onBlur?: () => void;
  id?: string;
  placeholder?: string;
  'aria-invalid'?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}) {
  const [draft, setDraft] = useState('');

  function commit() {
    const tag = draft.trim().replace(/,$/, '').trim();
    if (tag && !value.includes(tag)) onChange([...value, tag]);
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Backspace' && draft === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  return (
    <div className={cn(fieldClass, 'flex flex-wrap items-center gap-1.5 py-1.5')} data-invalid={aria['aria-invalid'] || undefined}>
      {value.map((tag) => (
        <span key={tag} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-900">
          {tag}
          <button
            type="button"
            className="rounded-full px-1 text-indigo-900 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            aria-label={`Remove tag ${tag}`}
            onClick={() => onChange(value.filter((t) => t !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        id={id}
        className="min-w-32 flex-1 bg-transparent text-sm outline-none"
        value={draft}
        placeholder={value.length === 0 ? placeholder : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          commit();
          onBlur?.();
        }}
        {...aria}
      />
    </div>
  );
}
