/** One operator command of `npm run cli -- <name> ...`. Commands write results to stdout, diagnostics to stderr. */
export interface CliCommand {
  name: string;
  /** One line for `npm run cli -- help`. */
  usage: string;
  /** Resolves with the process exit code. Throwing a UsageError prints its message and exits 2. */
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {}
