import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BANDIT_POLICIES, estimateOffPolicy, replayTargetProbabilities, type BanditPolicy, type OffPolicyReport } from '@persona/recommender';
import { DEFAULT_DELIVERY_SETTINGS } from '@persona/shared';
import { loadConfigOrExit } from '../config/load-config-or-exit.js';
import { openDatabase } from '../db/database.js';
import { WorkspacesRepository } from '../workspaces/workspaces.repository.js';
import { THOMPSON_DRAWS } from './arm-chooser.js';
import { LoggedDecisionsRepository } from './logged-decisions.repository.js';

/**
 * `npm run eval:policy -- --policy thompson,uniform,fixed [--workspace ws_…] [--from ISO] [--to ISO]
 * [--exploration-floor 0.1] [--out bench-results]`: off-policy estimates (IPS, SNIPS) of each
 * policy's click rate from the logged exposures, replayed in time order. With the embedded PGlite,
 * stop the API first (one process owns its data directory).
 */
const { values } = parseArgs({
  options: {
    policy: { type: 'string', default: BANDIT_POLICIES.join(',') },
    workspace: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'exploration-floor': { type: 'string', default: String(DEFAULT_DELIVERY_SETTINGS.explorationFloor) },
    out: { type: 'string', default: 'bench-results' },
  },
});
const policies = values.policy.split(',').map((p) => p.trim());
const unknown = policies.filter((p) => !(BANDIT_POLICIES as readonly string[]).includes(p));
if (unknown.length) {
  console.error(`Unknown policy: ${unknown.join(', ')} (choose from ${BANDIT_POLICIES.join(', ')})`);
  process.exit(2);
}
const floor = Number(values['exploration-floor']);
if (!(floor >= 0 && floor <= 1)) {
  console.error('--exploration-floor must be between 0 and 1');
  process.exit(2);
}

const config = loadConfigOrExit();
const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
try {
  const workspaceId = values.workspace ?? (await new WorkspacesRepository(database).firstWorkspace())?.id;
  if (!workspaceId) {
    console.error('No workspace in this database: start the API once (it creates one), then serve some feeds.');
    process.exit(1);
  }
  const { log, approvedAt } = await new LoggedDecisionsRepository(database).decisions(workspaceId, {
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  });
  const reports: Record<string, OffPolicyReport> = {};
  for (const policy of policies as BanditPolicy[]) {
    const target = replayTargetProbabilities(log, policy, { explorationFloor: floor, draws: THOMPSON_DRAWS }, approvedAt);
    reports[policy] = estimateOffPolicy(log, target);
  }
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  const lines = [
    `Off-policy estimates of click rate — workspace ${workspaceId}, ${log.length} logged decisions (fresh choices)`,
    '',
    '| policy | IPS | 95% interval | SNIPS | 95% interval | effective sample size |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(reports).map(([policy, r]) =>
      `| ${policy} | ${pct(r.ips.estimate)} | ${pct(r.ips.low)} – ${pct(r.ips.high)} | ${pct(r.snips.estimate)} | ${pct(r.snips.low)} – ${pct(r.snips.high)} | ${Math.round(r.effectiveSampleSize)} |`,
    ),
    '',
    log.length ? `Logged policies' own click rate: ${pct(Object.values(reports)[0]!.logged.estimate)}.` : 'Nothing logged yet: serve some feeds first.',
  ];
  console.log(lines.join('\n'));
  mkdirSync(values.out, { recursive: true });
  const file = join(values.out, 'policy-eval.json');
  writeFileSync(file, JSON.stringify({ workspaceId, explorationFloor: floor, decisions: log.length, reports }, null, 2));
  console.log(`\nWritten to ${file}`);
} finally {
  await database.close();
}
