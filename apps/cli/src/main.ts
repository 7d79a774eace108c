import 'reflect-metadata';
import { ConfigError } from '@claimdesk/config';
import { DomainError } from '@claimdesk/common';
import { CliCommand, UsageError } from './cli-command';
import { extractCommand } from './commands/extract.command';
import { importCommand } from './commands/import.command';
import { matchCommand } from './commands/match.command';
import { scoreCommand } from './commands/score.command';
import { usersCreateCommand } from './commands/users-create.command';

const COMMANDS: CliCommand[] = [usersCreateCommand, scoreCommand, extractCommand, matchCommand, importCommand];

function help(): void {
  console.error('usage: npm run cli -- <command> [options]\n');
  for (const c of COMMANDS) console.error(`  ${c.usage}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    help();
    return name && name !== 'help' ? 2 : 0;
  }
  return command.run(rest);
}

// `cli score ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof DomainError) {
      console.error(`error: ${err.message}`);
      process.exit(err instanceof UsageError ? 2 : 1);
    }
    console.error(err);
    process.exit(1);
  },
);
