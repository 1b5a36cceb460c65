import { Link, useLocation } from '@tanstack/react-router';

const tabClass =
  'rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 data-[status=active]:bg-slate-900 data-[status=active]:text-white';

/** Segments and users are two views of one audience. */
export function AudienceNav() {
  // A segment's editor belongs to the Segments tab too.
  const onUsers = useLocation({ select: (location) => location.pathname.includes('/audience/users') });
  return (
    <nav aria-label="Audience" className="mb-4 flex gap-1">
      <Link to="/audience" activeOptions={{ exact: true }} className={tabClass} data-status={onUsers ? undefined : 'active'}>
        Segments
      </Link>
      <Link to="/audience/users" className={tabClass}>
        Users
      </Link>
    </nav>
  );
}
