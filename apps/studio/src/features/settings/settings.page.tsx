import { usePrincipal } from '../../auth/principal.js';
import { Alert } from '../../components/ui/alert.js';
import { PageHeader } from '../../components/ui/misc.js';
import { ApiKeysCard } from './api-keys.card.js';
import { QueueBoardCard } from './queue-board.card.js';
import { EnginesCard, RecommenderStatusCard } from './recommender-status.card.js';

/** Keys, the recommender and the engines: what an admin runs, and what everyone else may look at. */
export function SettingsPage() {
  const { may, role } = usePrincipal();
  const admin = may('admin');
  return (
    <>
      <PageHeader title="Settings" description="API keys, the recommender, the engines in use and the queue dashboard." />
      <div className="space-y-4">
        {admin ? (
          <ApiKeysCard />
        ) : (
          <Alert tone="info" title="API keys are managed by admins">
            This session uses a {role} key: it can see the recommender and the engines below, but not create, revoke or refit.
          </Alert>
        )}
        <RecommenderStatusCard mayRefit={admin} />
        <EnginesCard />
        {admin && <QueueBoardCard />}
      </div>
    </>
  );
}
