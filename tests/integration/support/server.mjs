// Starts the real latchkey binary for one test file and stops it afterwards.
//
//   const server = await startServer({ kickstart: baseKickstart() });
//   after(() => server.dispose());
//   const client = makeClient(server);
//
// Contract with the server:
//   latchkey serve --listen 127.0.0.1:0 --database sqlite:<dataDir>/latchkey.db
//                  --kickstart <dataDir>/kickstart.json --log-format json [args...]
// prints, once migrations and the kickstart are done and the socket accepts connections,
// a stdout line containing `Latchkey listening on http://127.0.0.1:<port>`.
// SIGTERM drains and exits 0.

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

import { baseKickstart } from './kickstart.mjs';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;
const MAX_LOG_LINES = 5_000;
const LISTENING = /Latchkey listening on http:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d+)/;

const live = new Set();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

// The developer's own LATCHKEY_* settings (config file, limits...) must not leak into tests.
function inheritedEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LATCHKEY_')));
}

export function binaryPath() {
  return path.resolve(process.env.LATCHKEY_BIN ?? path.join(REPO_ROOT, 'build/release/latchkey'));
}

export async function makeTempDir(prefix = 'latchkey-it-') {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

// Spawns the binary; resolves nothing by itself. `listening` resolves with the URL once the
// contract line appears; `exited` resolves with {code, signal} when the process ends.
function launch({ dataDir, kickstartFile, env, args }) {
  const argv = ['serve', '--listen', '127.0.0.1:0',
    '--database', `sqlite:${path.join(dataDir, 'latchkey.db')}`,
    ...(kickstartFile ? ['--kickstart', kickstartFile] : []),
    '--log-format', 'json', ...args];
  const child = spawn(binaryPath(), argv, {
    cwd: dataDir,
    env: { ...inheritedEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);

  const lines = [];
  const remember = (stream, line) => {
    lines.push(`[${stream}] ${line}`);
    if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
  };

  let resolveListening;
  const listening = new Promise((resolve) => { resolveListening = resolve; });
  // The contract says stdout; stderr is accepted too so a logging change does not hang tests.
  for (const stream of ['stdout', 'stderr']) {
    readline.createInterface({ input: child[stream] }).on('line', (line) => {
      remember(stream, line);
      const match = LISTENING.exec(line);
      if (match) resolveListening({ host: match[1], port: Number(match[2]) });
    });
  }

  // 'close' (not 'exit') fires after the stdio pipes are drained, so logs() is complete.
  const exited = new Promise((resolve) => {
    child.on('error', (error) => {
      remember('spawn', String(error));
      live.delete(child);
      resolve({ code: null, signal: null, error });
    });
    child.on('close', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  return { child, argv, listening, exited, logs: () => lines.join('\n') };
}

function describe(run, what) {
  return `${what}\n  command: ${binaryPath()} ${run.argv.join(' ')}\n  output:\n${run.logs() || '(none)'}`;
}

async function withTimeout(promise, ms, onTimeout) {
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(onTimeout), ms); });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function prepare({ kickstart, dataDir }) {
  const ownsDataDir = !dataDir;
  const dir = dataDir ?? await makeTempDir();
  let kickstartFile = null;
  if (kickstart !== null) {
    kickstartFile = path.join(dir, 'kickstart.json');
    const content = typeof kickstart === 'string'
      ? kickstart : JSON.stringify(kickstart ?? baseKickstart(), null, 2);
    await fs.writeFile(kickstartFile, content);
  }
  return { dir, ownsDataDir, kickstartFile };
}

// Starts the server and waits until it listens. Options:
//   kickstart  object (JSON-encoded), string (written verbatim), null (no --kickstart),
//              undefined (baseKickstart()).
//   env        extra environment variables for the child.
//   dataDir    reuse an existing data directory (it is then not removed by dispose()).
//   args       extra CLI arguments after the standard ones.
//   webhookReceiversOnLoopback
//              true: start with --webhook-allow-private-addresses, for tests whose webhook
//              receivers listen on 127.0.0.1 (refused by default, as any private address).
export async function startServer({ kickstart, env = {}, dataDir, args = [], webhookReceiversOnLoopback = false } = {}) {
  if (webhookReceiversOnLoopback) args = [...args, '--webhook-allow-private-addresses'];
  const prepared = await prepare({ kickstart, dataDir });
  const handle = {
    dataDir: prepared.dir,
    url: null,
    port: null,
    run: null,
    logs() {
      return handle.run ? handle.run.logs() : '';
    },
    // SIGTERM, wait for the exit, resolve the exit code (null when killed by a signal).
    async stop() {
      const run = handle.run;
      if (!run) return null;
      if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
      const result = await withTimeout(run.exited, STOP_TIMEOUT_MS, 'timeout');
      if (result === 'timeout') {
        run.child.kill('SIGKILL');
        await run.exited;
        throw new Error(describe(run, `latchkey did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`));
      }
      return result.code;
    },
    async kill9() {
      const run = handle.run;
      if (!run) return;
      run.child.kill('SIGKILL');
      await run.exited;
    },
    // Starts the binary again on the same data directory and kickstart file, on a new port.
    async restart() {
      if (handle.run && handle.run.child.exitCode === null && handle.run.child.signalCode === null) {
        await handle.stop();
      }
      await boot();
      return handle;
    },
    // Stops the server (if running) and removes the data directory if this harness made it.
    async dispose() {
      if (handle.run) await handle.kill9();
      if (prepared.ownsDataDir) await fs.rm(prepared.dir, { recursive: true, force: true });
    },
  };

  async function boot() {
    const run = launch({ dataDir: prepared.dir, kickstartFile: prepared.kickstartFile, env, args });
    handle.run = run;
    const outcome = await withTimeout(
      Promise.race([run.listening.then((address) => ({ address })),
        run.exited.then((exit) => ({ exit }))]),
      START_TIMEOUT_MS, { timeout: true });
    if (outcome.address) {
      handle.port = outcome.address.port;
      handle.url = `http://${outcome.address.host}:${outcome.address.port}`;
      return;
    }
    if (outcome.timeout) {
      run.child.kill('SIGKILL');
      await run.exited;
      throw new Error(describe(run, `latchkey did not print "Latchkey listening on http://..." within ${START_TIMEOUT_MS} ms`));
    }
    const error = new Error(describe(run,
      `latchkey exited before listening (code ${outcome.exit.code}, signal ${outcome.exit.signal})`));
    error.exitCode = outcome.exit.code;
    error.signal = outcome.exit.signal;
    error.output = run.logs();
    throw error;
  }

  try {
    await boot();
  } catch (error) {
    if (prepared.ownsDataDir) await fs.rm(prepared.dir, { recursive: true, force: true });
    throw error;
  }
  return handle;
}

// Runs the server where it is expected to stop by itself (e.g. a failing kickstart) and
// resolves {code, signal, output, listened}. The process is killed after timeoutMs.
// The data directory must be supplied and is not removed.
export async function runUntilExit({ kickstart, env = {}, dataDir, args = [], timeoutMs = START_TIMEOUT_MS }) {
  if (!dataDir) throw new Error('runUntilExit needs a dataDir');
  const prepared = await prepare({ kickstart, dataDir });
  const run = launch({ dataDir: prepared.dir, kickstartFile: prepared.kickstartFile, env, args });
  let listened = false;
  run.listening.then(() => { listened = true; });
  const result = await withTimeout(run.exited, timeoutMs, 'timeout');
  if (result === 'timeout') {
    run.child.kill('SIGKILL');
    await run.exited;
    return { code: null, signal: 'SIGKILL', timedOut: true, output: run.logs(), listened };
  }
  return { ...result, timedOut: false, output: run.logs(), listened };
}
