import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobName, JobPayloads } from '@claimdesk/queue';
import { AssignmentService } from '@claimdesk/review';
import { SourcePoller } from '@claimdesk/sources';
import { WebhookDeliveryService } from '@claimdesk/webhooks';
import { ExtractionService } from './extraction/extraction.service';
import { FetchService } from './fetch/fetch.service';
import { SweeperService } from './sweeper.service';

type Handlers = { [N in JobName]: (payload: JobPayloads[N]) => Promise<unknown> };

/** Every job name mapped to the service call that does the work. Boot fails if one is missing. */
@Injectable()
export class JobHandlers implements OnModuleInit {
  private readonly log = new Logger(JobHandlers.name);
  private readonly handlers: Handlers;

  constructor(
    extraction: ExtractionService,
    assignments: AssignmentService,
    sweeper: SweeperService,
    fetches: FetchService,
    sources: SourcePoller,
    webhooks: WebhookDeliveryService,
  ) {
    this.handlers = {
      'extract-article': (p) => extraction.extract(p.articleId),
      'assign-claim': (p) => assignments.autoAssign(p.claimId, p.version),
      'fill-reviewer': (p) => assignments.fillReviewer(p.reviewerId),
      'check-deadline': (p) => assignments.checkDeadline(p.assignmentId),
      // Left by an older version's schedule: it sweeps under the same lock as the timer.
      sweep: () => sweeper.sweepIfLeader(),
      'fetch-article': (p) => fetches.fetch(p.articleId),
      'poll-source': (p) => sources.poll(p.sourceId),
      'deliver-webhook': (p) => webhooks.deliver(p.deliveryId, p.attempt),
    };
  }

  onModuleInit(): void {
    const missing = Object.entries(this.handlers).filter(([, fn]) => typeof fn !== 'function');
    if (missing.length) throw new Error(`no handler for job(s): ${missing.map(([n]) => n).join(', ')}`);
  }

  async run(name: string, payload: unknown): Promise<unknown> {
    const handler = this.handlers[name as JobName] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`unknown job name ${name}`);
    const result = await handler(payload);
    this.log.debug(`${name} ${JSON.stringify(payload)} -> ${JSON.stringify(result)}`);
    return result;
  }
}
