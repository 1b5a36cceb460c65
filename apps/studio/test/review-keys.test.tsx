// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { movedIndex, reviewActionFor, useReviewKeys, type ReviewAction } from '../src/features/variants/review-keys.js';

afterEach(cleanup);

const press = (key: string, target: EventTarget | null = document.body, modifiers = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...modifiers,
});

describe('review shortcuts', () => {
  it('maps j/k and the arrows to moving, a and r to deciding', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'a', 'r', 'A', 'x', 'Enter'].map((key) => reviewActionFor(press(key), true))).toEqual([
      'next',
      'next',
      'previous',
      'previous',
      'approve',
      'reject',
      'approve',
      null,
      null,
    ]);
  });

  it('gives a read-only key the moves only', () => {
    expect(['j', 'k', 'a', 'r'].map((key) => reviewActionFor(press(key), false))).toEqual(['next', 'previous', null, null]);
  });

  it('ignores presses with a modifier (browser and system shortcuts)', () => {
    expect(reviewActionFor(press('r', document.body, { ctrlKey: true }), true)).toBeNull();
    expect(reviewActionFor(press('a', document.body, { metaKey: true }), true)).toBeNull();
    expect(reviewActionFor(press('j', document.body, { altKey: true }), true)).toBeNull();
  });

  it('never fires while typing in a field, a contenteditable or a dialog', () => {
    document.body.innerHTML = `
      <input id="input" /><textarea id="textarea"></textarea><select id="select"><option>x</option></select>
      <div contenteditable="true"><span id="editable">x</span></div>
      <div role="dialog"><button id="in-dialog">Close</button></div>
      <button id="button">Approve</button>`;
    for (const id of ['input', 'textarea', 'select', 'editable', 'in-dialog']) {
      expect(reviewActionFor(press('a', document.getElementById(id)), true), id).toBeNull();
    }
    expect(reviewActionFor(press('a', document.getElementById('button')), true)).toBe('approve');
  });

  it('moves within the list and stays inside it', () => {
    expect(movedIndex(0, 'previous', 3)).toBe(0);
    expect(movedIndex(0, 'next', 3)).toBe(1);
    expect(movedIndex(2, 'next', 3)).toBe(2);
    expect(movedIndex(0, 'next', 0)).toBe(0);
  });
});

function Harness({ onAction, canWrite }: { onAction: (action: ReviewAction) => void; canWrite: boolean }) {
  useReviewKeys(onAction, canWrite);
  return (
    <form>
      <label>
        Note <input />
      </label>
    </form>
  );
}

describe('the review key listener', () => {
  it('hears the document, not a field being typed in, and stops when unmounted', () => {
    const onAction = vi.fn();
    const { unmount } = render(<Harness onAction={onAction} canWrite />);
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'a' });
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'r' });
    expect(onAction.mock.calls.map(([action]) => action)).toEqual(['next', 'approve']);
    unmount();
    fireEvent.keyDown(document.body, { key: 'r' });
    expect(onAction).toHaveBeenCalledTimes(2);
  });

  it('keeps the page from scrolling on an arrow it handles, and lets other keys through', () => {
    render(<Harness onAction={() => undefined} canWrite={false} />);
    const arrow = new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true });
    document.body.dispatchEvent(arrow);
    expect(arrow.defaultPrevented).toBe(true);
    const approve = new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true });
    document.body.dispatchEvent(approve);
    expect(approve.defaultPrevented).toBe(false);
  });
});
