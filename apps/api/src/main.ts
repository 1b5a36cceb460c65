import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from './config/load-config-or-exit.js';
import { createApp } from './create-app.js';
import { DemoSeeder } from './demo/demo-seeder.service.js';
import { RecommenderRegistry } from './recommendations/recommender-registry.service.js';
import { describeForLog } from './errors/loggable-error.js';

const logger = new Logger('Main');

function announceKey(secret: string): void {
  const lines = ['Admin API key (shown once; store it now):', secret];
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const row = (text: string) => `│  ${text.padEnd(width - 4)}  │`;
  console.log(['', `┌${'─'.repeat(width)}┐`, ...lines.map(row), `└${'─'.repeat(width)}┘`, ''].join('\n'));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const platform = await createApp(config);
  logger.log(`Database: ${platform.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.pgliteDir}`}.`);

  const { workspace, createdSecret } = await platform.workspaces.bootstrap(config.adminApiKey);
  if (createdSecret && !config.adminApiKey) announceKey(createdSecret);
  else if (createdSecret) logger.log('ADMIN_API_KEY registered as an admin key of the default workspace.');

  if (config.seedDemoData) {
    const seeder = platform.app.get(DemoSeeder);
    if (await seeder.isEmpty(workspace.id)) {
      logger.log('Empty catalog: creating demo data (set SEED_DEMO_DATA=false to skip)…');
      await seeder.seed(workspace.id);
    }
  }
  // Fit before listening, so the first feed request does not pay for it.
  const recommender = platform.app.get(RecommenderRegistry);
  if (!(await platform.app.get(DemoSeeder).isEmpty(workspace.id))) await recommender.refit(workspace.id);
  if (!config.llm) logger.log('No LLM_BASE_URL: ranking and generation use the offline engines.');

  platform.app.enableShutdownHooks();
  await platform.app.listen({ port: config.http.port, host: config.http.host });
  logger.log(`API on http://${config.http.host}:${config.http.port} (docs at /docs).`);
  if (platform.studioServed) logger.log(`Studio on http://${config.http.host}:${config.http.port}/studio`);

  const stop = async (signal: string) => {
    logger.log(`${signal}: shutting down.`);
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.error(describeForLog(error));
  process.exit(1);
});
