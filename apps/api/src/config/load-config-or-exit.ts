import { ConfigError, loadConfig, type AppConfig } from './app-config.js';

/** Entry points start here: a bad environment stops the process with every problem listed. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
