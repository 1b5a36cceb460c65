// `npm test` runs this first: the studio's end-to-end test drives Debian's Chromium, which no npm
// package may download. On a fresh Debian/Ubuntu machine (as root) it is installed with apt;
// elsewhere the message says exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(chromium)) {
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(
      `The studio's end-to-end test needs Chromium at ${chromium}.\n` +
        'Install it (Debian/Ubuntu: sudo apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.log(`Installing Debian's chromium for the studio's end-to-end test…`);
  const apt = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
}
