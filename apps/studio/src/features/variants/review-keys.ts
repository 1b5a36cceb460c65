import { useEffect, useRef } from 'react';

export type ReviewAction = 'next' | 'previous' | 'approve' | 'reject';

/** The queue's shortcuts, as the screen documents them. */
export const REVIEW_SHORTCUTS: readonly { keys: string[]; action: ReviewAction; label: string; writes: boolean }[] = [
  { keys: ['j', 'ArrowDown'], action: 'next', label: 'Next variant', writes: false },
  { keys: ['k', 'ArrowUp'], action: 'previous', label: 'Previous variant', writes: false },
  { keys: ['a'], action: 'approve', label: 'Approve', writes: true },
  { keys: ['r'], action: 'reject', label: 'Reject', writes: true },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Typing in a field, or working in a dialog or a native control, must never approve or reject anything. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  return element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="dialog"]') !== null;
}

/** Which review action a key press asks for, or null; write actions only for keys that may write. */
export function reviewActionFor(event: KeyLike, canWrite: boolean): ReviewAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return null;
  const shortcut = REVIEW_SHORTCUTS.find((s) => s.keys.includes(event.key.length === 1 ? event.key.toLowerCase() : event.key));
  if (!shortcut || (shortcut.writes && !canWrite)) return null;
  return shortcut.action;
}

/** The next position in a list of `length` after moving; it stays inside the list. */
export function movedIndex(current: number, action: 'next' | 'previous', length: number): number {
  if (length === 0) return 0;
  return Math.min(length - 1, Math.max(0, current + (action === 'next' ? 1 : -1)));
}

/** Listens on the document while mounted; the latest handler is used without re-subscribing. */
export function useReviewKeys(onAction: (action: ReviewAction) => void, canWrite: boolean): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const action = reviewActionFor(event, canWrite);
      if (!action) return;
      // Arrow keys would also scroll the page; the queue scrolls the active variant into view itself.
      event.preventDefault();
      handler.current(action);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canWrite]);
}
