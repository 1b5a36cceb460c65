import { Card } from '../../components/ui/misc.js';

/** Where the API mounts Bull Board (apps/api/src/queue-board/queue-board.ts). */
export const QUEUE_BOARD_PATH = '/admin/queues';

/** The operator's queue dashboard: a link, and what it takes to open it. */
export function QueueBoardCard() {
  return (
    <Card>
      <h2 className="text-lg font-semibold text-slate-900">Queue dashboard</h2>
      <div className="mt-2 space-y-2 text-sm text-slate-800">
        <p>
          <a className="font-medium text-indigo-700 underline" href={QUEUE_BOARD_PATH} target="_blank" rel="noreferrer">
            Open the queue dashboard
          </a>{' '}
          (opens in a new tab) to see every generation, import and maintenance job of the platform.
        </p>
        <p>
          It belongs to the platform operator, not to a workspace, so workspace keys do not open it. It is on only when the API runs with{' '}
          <code className="font-mono">QUEUE_BOARD_KEY</code> set (at least 24 characters): the browser then asks for a password, which is that key (any
          user name). It is read-only unless <code className="font-mono">QUEUE_BOARD_WRITE=true</code>. When it is off, the link answers “not found” with
          how to turn it on.
        </p>
      </div>
    </Card>
  );
}
