import { Label } from 'radix-ui';
import { cloneElement, useId, type ReactElement } from 'react';

export interface ControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * A labelled form control with its hint and error, wired for assistive technology: the control
 * gets `aria-invalid` and `aria-describedby` pointing at the message.
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  /** The control, or a function that renders it with the wiring (for controls inside a Controller). */
  children: ReactElement<Record<string, unknown>> | ((control: ControlProps) => ReactElement);
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control: ControlProps = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return (
    <div className="space-y-1">
      <Label.Root htmlFor={id} className="block text-sm font-medium text-slate-900">
        {label}
      </Label.Root>
      {typeof children === 'function' ? children(control) : cloneElement(children, { ...control })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
