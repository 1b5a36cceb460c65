import { useId, type ReactNode } from 'react';
import { cn } from '../../lib/cn.js';

export interface Choice<T extends string> {
  value: T;
  label: string;
  hint?: ReactNode;
}

/**
 * A fieldset of native checkboxes (many) or radios (one), so every choice is a labelled control
 * reachable by Tab and toggled by Space; the group's error is announced with its legend.
 */
export function ChoiceGroup<T extends string>(
  props: {
    legend: string;
    hint?: string;
    error?: string | undefined;
    choices: readonly Choice<T>[];
    columns?: 1 | 2;
  } & ({ multiple: true; value: readonly T[]; onChange: (value: T[]) => void } | { multiple?: false; value: T; onChange: (value: T) => void }),
) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : null, props.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const checked = (value: T) => (props.multiple ? props.value.includes(value) : props.value === value);

  function toggle(value: T) {
    if (props.multiple) props.onChange(props.value.includes(value) ? props.value.filter((v) => v !== value) : [...props.value, value]);
    else props.onChange(value);
  }

  return (
    <fieldset aria-describedby={describedBy} data-invalid={props.error ? true : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">{props.legend}</legend>
      {props.hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      )}
      <div
        className={cn(
          'grid gap-2 rounded-md',
          props.columns === 2 && 'sm:grid-cols-2',
          props.error && 'outline-2 outline-offset-4 outline-red-700',
        )}
      >
        {props.choices.map((choice) => (
          <label
            key={choice.value}
            className="flex cursor-pointer items-start gap-2 rounded-md border border-slate-300 bg-white p-2 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50"
          >
            <input
              type={props.multiple ? 'checkbox' : 'radio'}
              name={id}
              value={choice.value}
              checked={checked(choice.value)}
              onChange={() => toggle(choice.value)}
              className="mt-0.5 accent-indigo-700"
            />
            <span>
              <span className="font-medium text-slate-900">{choice.label}</span>
              {choice.hint && <span className="block text-xs text-slate-700">{choice.hint}</span>}
            </span>
          </label>
        ))}
      </div>
      {props.error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
