import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { parseArgs } from 'node:util';
import { ROLES, Role } from '@claimdesk/common';
import { ConfigModule } from '@claimdesk/config';
import { DatabaseModule } from '@claimdesk/database';
import { QueueModule } from '@claimdesk/queue';
import { UsersModule, UsersService } from '@claimdesk/users';
import { CliCommand, UsageError } from '../cli-command';

@Module({ imports: [ConfigModule, DatabaseModule, QueueModule, UsersModule] })
class UsersCliModule {}

/** `users:create --email E --name N --role R [--capacity C] [--languages en,fr] [--topics a,b]`: prints the token last. */
export const usersCreateCommand: CliCommand = {
  name: 'users:create',
  usage:
    'users:create --email EMAIL --name NAME --role admin|editor|reviewer [--capacity N] [--languages en,fr] [--topics a,b]',
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
      const { token, ...shown } = user;
      console.log(JSON.stringify(shown, null, 2));
      console.log(token);
      return 0;
    } finally {
      await app.close();
    }
  },
};
