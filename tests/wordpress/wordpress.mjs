// A real WordPress for the tests: Debian's wordpress package (6.1, Twenty Twenty-Three) under
// Apache with mod_php, on MariaDB, each started on a loopback port in a folder of its own and
// stopped after. The plugin is installed from the zip `make dist` built. Needs root (Apache
// drops to www-data; Debian's WordPress reads its settings from /etc/wordpress/config-<name>.php).
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ROOT } from '../e2e/harness.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);

/** Waits until `check()` resolves truthy, or fails after `ms` naming `what`. */
async function until(what, check, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    try { if (await check()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what} did not start within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts MariaDB, Apache and WordPress with the plugin set to `base` (the explainers' URL);
 *  resolves to { url, users, post(role, title, content), stop }. */
export async function startWordPress(base) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-wp-'));
  chmodSync(dir, 0o755);
  const procs = [];
  const name = `lifeline-test-${path.basename(dir).replace(/[^a-zA-Z0-9]/g, '')}`;
  const config = `/etc/wordpress/config-${name}.php`;
  // Apache runs in a process group of its own (see below): the group is signalled.
  const signal = (p, sig) => { try { if (p.spawnargs[0] === 'apache2') process.kill(-p.pid, sig); else p.kill(sig); } catch { /* gone */ } };
  const gone = (p) => p.exitCode !== null || p.signalCode !== null;
  /** At once, synchronously: for a process that is exiting (no waiting possible). */
  const stopNow = () => {
    for (const p of procs) if (!gone(p)) signal(p, 'SIGKILL');
    rmSync(config, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => { stopNow(); process.exit(130); };
  /** Stops the servers, waits for them (killing any that linger), and removes their files. */
  const stop = async () => {
    process.off('exit', stopNow);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await Promise.all(procs.map((p) => new Promise((resolve) => {
      if (gone(p)) { resolve(); return; }
      const late = setTimeout(() => signal(p, 'SIGKILL'), 10000);
      p.once('exit', () => { clearTimeout(late); resolve(); });
      signal(p, 'SIGTERM');
    })));
    rmSync(config, { force: true });
    rmSync(dir, { recursive: true, force: true });
  };
  // A test that dies, or is interrupted, leaves no server and no file behind.
  process.once('exit', stopNow);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // MariaDB, its own data folder, no grant tables (a throwaway database on loopback only).
    const dbPort = await freePort();
    execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${dir}/db`, '--user=root', '--skip-test-db', '--auth-root-authentication-method=normal'], { stdio: 'ignore' });
    const db = spawn('mariadbd', ['--no-defaults', `--datadir=${dir}/db`, `--socket=${dir}/db.sock`, `--port=${dbPort}`,
      '--bind-address=127.0.0.1', '--user=root', '--skip-grant-tables', '--skip-log-bin'], { stdio: 'ignore' });
    procs.push(db);
    await until('MariaDB', () => { execFileSync('mariadb', [`--socket=${dir}/db.sock`, '-e', 'CREATE DATABASE IF NOT EXISTS wordpress'], { stdio: 'ignore' }); return true; });

    // wp-content of its own: the theme from Debian's package, the plugin from dist/'s zip.
    const content = path.join(dir, 'content');
    mkdirSync(path.join(content, 'themes'), { recursive: true });
    mkdirSync(path.join(content, 'plugins'), { recursive: true });
    mkdirSync(path.join(content, 'uploads'), { recursive: true });
    mkdirSync(path.join(content, 'mu-plugins'), { recursive: true });
    // WordPress fetches oEmbed answers with its "safe" requests, which allow ports 80, 443 and
    // 8080 only; here the explainers are served on a free loopback port, so that port is allowed
    // too (a site whose explainers sit on a CDN needs nothing of the kind).
    const basePort = Number(new URL(base).port);
    if (basePort) {
      writeFileSync(path.join(content, 'mu-plugins', 'test-port.php'), `<?php
add_filter( 'http_allowed_safe_ports', function ( $ports ) { $ports[] = ${basePort}; return $ports; } );
`);
    }
    symlinkSync('/usr/share/wordpress/wp-content/themes/twentytwentythree', path.join(content, 'themes', 'twentytwentythree'));
    const zip = path.join(ROOT, 'dist', 'integrations', 'lifeline-wordpress.zip');
    if (!existsSync(zip)) throw new Error(`${zip} is missing: run make dist`);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(content, 'plugins')]);
    execFileSync('chown', ['-R', 'www-data:www-data', path.join(content, 'uploads')]);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    writeFileSync(config, `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:${dbPort}');
define('WP_CONTENT_DIR', '${content}');
define('WP_HOME', '${url.slice(0, -1)}');
define('WP_SITEURL', '${url.slice(0, -1)}');
define('WP_ENVIRONMENT_TYPE', 'local');
// No internet here: WordPress's calls home (updates, browser and PHP checks) fail at once
// rather than wait out their timeouts; requests to this host (oEmbed, the explainers) go on.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', '${dir}/debug.log');
define('WP_DEBUG_DISPLAY', false);
`);
    // Apache with mod_php: the modules WordPress needs and nothing else.
    const mods = ['mpm_prefork', 'authz_core', 'dir', 'mime', 'alias', 'env']
      .map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n');
    writeFileSync(path.join(dir, 'httpd.conf'), `ServerRoot /etc/apache2
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
ErrorLog ${dir}/error.log
LogLevel warn
User www-data
Group www-data
${mods}
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
TypesConfig /etc/mime.types
DocumentRoot /usr/share/wordpress
DirectoryIndex index.php
SetEnv WORDPRESS_CONFIG ${name}
Alias /wp-content ${content}
<Directory />
  Require all denied
</Directory>
<Directory /usr/share/wordpress>
  Require all granted
</Directory>
<Directory ${content}>
  Require all granted
</Directory>
<FilesMatch "\\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
`);
    // In a process group of its own: Apache stops its children by signalling its whole group.
    const httpd = spawn('apache2', ['-f', path.join(dir, 'httpd.conf'), '-DFOREGROUND'], { detached: true, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, APACHE_RUN_DIR: dir, APACHE_LOCK_DIR: dir } });
    procs.push(httpd);

    const env = { ...process.env, WP_TEST_HOST: `127.0.0.1:${port}`, WORDPRESS_CONFIG: name, LIFELINE_BASE: base };
    execFileSync('php', [path.join(HERE, 'seed.php'), 'install'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const users = JSON.parse(execFileSync('php', [path.join(HERE, 'seed.php'), 'setup'], { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString());
    await until('Apache', async () => (await fetch(url)).ok);

    /** Publishes a post (or, with `type` 'blocks', a synced pattern) as `role` through the REST
     *  API, as the block editor saves it; resolves to { id, link, raw }. */
    const post = async (role, title, content, type = 'posts') => {
      const u = users[role];
      const auth = `Basic ${Buffer.from(`${u.login}:${u.app}`).toString('base64')}`;
      const r = await fetch(`${url}?rest_route=/wp/v2/${type}`, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title, content, status: 'publish' }),
      });
      const body = await r.json();
      if (!r.ok) throw new Error(`${role} could not publish "${title}": ${r.status} ${JSON.stringify(body)}`);
      const again = await (await fetch(`${url}?rest_route=/wp/v2/${type}/${body.id}&context=edit`, { headers: { Authorization: auth } })).json();
      return { id: body.id, link: body.link, raw: again.content.raw };
    };
    const log = () => ['error.log', 'debug.log'].map((f) => path.join(dir, f)).filter(existsSync).map((f) => readFileSync(f, 'utf8')).join('');
    return { url, users, post, stop, log };
  } catch (e) {
    await stop();
    throw e;
  }
}
