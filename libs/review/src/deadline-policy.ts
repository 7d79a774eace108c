import { AppConfig } from '@claimdesk/config';

/** Due time of a new assignment: urgent claims (high priority) get the short deadline. */
export function dueAtFor(priority: number, config: AppConfig, now = new Date()): Date {
  const seconds =
    priority >= config.DEADLINE_URGENT_PRIORITY ? config.DEADLINE_URGENT_SECONDS : config.DEADLINE_NORMAL_SECONDS;
  return new Date(now.getTime() + seconds * 1000);
}
