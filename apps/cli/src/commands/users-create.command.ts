import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { ROLES, Role } from '@claimdesk/common';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { QueueModule } from '@claimdesk/queue';
import { passwordProblem, SessionsService, UsersModule, UsersService } from '@claimdesk/users';
import { CliCommand, UsageError } from '../cli-command';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, UsersModule] })
class UsersCliModule {}

/**
 * `users:create --email E --name N --role R [--capacity C] [--languages en,fr] [--topics a,b] [--password-stdin]`:
 * prints the token last. With --password-stdin the first line of standard input becomes the password for
 * signing in to the web console.
 */
export const usersCreateCommand: CliCommand = {
  name: 'users:create',
  usage:
    'users:create --email EMAIL --name NAME --role admin|editor|reviewer [--capacity N] [--languages en,fr] [--topics a,b] [--password-stdin]',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        capacity: { type: 'string' },
        languages: { type: 'string' },
        topics: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    });
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email))
      throw new UsageError('--email is required (an email address)');
    if (!values.name) throw new UsageError('--name is required');
    if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const capacity = values.capacity === undefined ? undefined : Number(values.capacity);
    if (capacity !== undefined && !(Number.isInteger(capacity) && capacity >= 0)) {
      throw new UsageError('--capacity must be a whole number >= 0');
    }
    const list = (v?: string) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined;

    let password: string | undefined;
    if (values['password-stdin']) {
      password = (await readStdin()).split(/\r?\n/)[0];
      const problem = passwordProblem(password);
      if (problem) throw new UsageError(`the password on stdin ${problem}`);
    }

    const app = await NestFactory.createApplicationContext(UsersCliModule, { logger: ['error'] });
    try {
      const user = await app.get(UsersService).create({
        email: values.email,
        name: values.name,
        role: values.role as Role,
        capacity,
        languages: list(values.languages),
        topics: list(values.topics),
      });
      if (password !== undefined) await app.get(SessionsService).setPassword(user.id, password);
      const { token, ...shown } = user;
      console.log(JSON.stringify(shown, null, 2));
      console.log(token);
      return 0;
    } finally {
      await app.close();
    }
  },
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
