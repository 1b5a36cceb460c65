import { loadConfigOrExit } from '../config/load-config-or-exit.js';
import { createApp } from '../create-app.js';
import { DemoSeeder } from './demo-seeder.service.js';

/**
 * `npm run seed`: (re)creates the demo data in the default workspace. With the embedded PGlite,
 * stop the API first: one data directory serves one process at a time.
 */
const config = loadConfigOrExit();
const platform = await createApp({ ...config, seedDemoData: false });
try {
  const { workspace, createdSecret } = await platform.workspaces.bootstrap(config.adminApiKey);
  if (createdSecret && !config.adminApiKey) console.log(`Admin API key (shown once): ${createdSecret}`);
  const report = await platform.app.get(DemoSeeder).seed(workspace.id);
  console.log(JSON.stringify(report));
} finally {
  await platform.close();
}
