import { ChildProcess, execSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync, WriteStream } from 'node:fs';
import * as path from 'node:path';
import { sleep } from './servers';

const ROOT = path.resolve(__dirname, '../../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** The fault tests run the built apps, as production does: build dist when it is missing or older than the sources. */
export function ensureBuilt(): void {
  const marker = path.join(ROOT, 'dist/apps/worker/src/main.js');
  const sources = Math.max(newestMtime(path.join(ROOT, 'apps')), newestMtime(path.join(ROOT, 'libs')));
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources) return;
  execSync('npm run -s build', { cwd: ROOT, stdio: 'inherit' });
}

/** An api or worker started from dist as a child process, its output kept in a log file. */
export class AppProcess {
  private proc: ChildProcess | null = null;
  private out: WriteStream;
  lines: string[] = [];

  constructor(
    readonly role: 'api' | 'worker',
    private readonly env: Record<string, string>,
    logFile: string,
  ) {
    this.out = createWriteStream(logFile, { flags: 'a' });
  }

  async start(): Promise<void> {
    const main = path.join(ROOT, `dist/apps/${this.role}/src/main.js`);
    const proc = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        this.out.write(text);
        for (const line of text.split('\n')) if (line.trim()) this.lines.push(line);
        if (this.role === 'worker' && text.includes('processing queues')) resolve();
      };
      proc.stdout.on('data', onData);
      proc.stderr.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`${this.role} exited with ${code} before it was ready`)));
      if (this.role === 'api') this.waitListening().then(resolve, reject);
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${this.role} not ready in 60 s`)), 60_000)),
    );
    await Promise.race([ready, late]).finally(() => clearTimeout(timer));
  }

  private async waitListening(): Promise<void> {
    for (let i = 0; i < 1200; i++) {
      try {
        await fetch(`http://127.0.0.1:${this.env.PORT}/health`, { signal: AbortSignal.timeout(1000) });
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error('api not listening');
  }

  /** kill -9: no shutdown hook runs, jobs in flight stay locked in Redis until their lock expires. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(sig: NodeJS.Signals): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill(sig);
    const force = setTimeout(() => p.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(force);
    this.proc = null;
  }

  close(): void {
    this.out.end();
  }
}
