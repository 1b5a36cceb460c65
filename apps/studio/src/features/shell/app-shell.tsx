import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Suspense } from 'react';
import { sessionKey } from '../../auth/session-key.js';
import { usePrincipal } from '../../auth/principal.js';
import { Button } from '../../components/ui/button.js';
import { Badge, Loading } from '../../components/ui/misc.js';

const navLinkClass =
  'rounded-md px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-800';

/** The studio's sections, in the order a creator works through them. */
const SECTIONS = [
  { label: 'Catalog', to: '/catalog' },
  { label: 'Review', to: '/review' },
  { label: 'Audience', to: '/audience' },
  { label: 'Jobs', to: '/jobs' },
  { label: 'Feed', to: '/feed' },
  { label: 'Insights', to: '/insights' },
  { label: 'Conformance', to: '/conformance' },
  { label: 'Settings', to: '/settings' },
] as const;

/** The frame of every signed-in screen: who you are, where you can go, and signing out. */
export function AppShell() {
  const { workspace, apiKey, may } = usePrincipal();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  function signOut() {
    sessionKey.clear();
    queryClient.clear();
    void navigate({ to: '/sign-in' });
  }

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <span className="text-lg font-semibold text-indigo-800">Persona Studio</span>
          <nav aria-label="Main" className="flex flex-wrap gap-1">
            {SECTIONS.map((section) => (
              <Link key={section.label} to={section.to} className={navLinkClass}>
                {section.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-800" data-testid="workspace-name">
              {workspace.name}
            </span>
            <Badge className="bg-indigo-50 text-indigo-900" >
              <span data-testid="role">{apiKey.role}</span>
            </Badge>
            {!may('catalogWrite') && <Badge className="bg-amber-100 text-amber-950">Read-only</Badge>}
            <Button variant="ghost" size="sm" onClick={signOut}>
              Sign out
            </Button>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        <Suspense fallback={<Loading label="Loading…" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
