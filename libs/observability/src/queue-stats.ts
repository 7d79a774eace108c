import type { Queue } from 'bullmq';

export interface QueueStats {
  queue: string;
  counts: Record<string, number>;
  /** Seconds the oldest job ready to run (waiting or prioritized) has waited since it became ready; 0 if none. */
  lagSeconds: number;
}

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

/** Depth by state and lag of one queue: a few Redis commands, no scan. */
export async function queueStats(queue: Queue, now = Date.now()): Promise<QueueStats> {
  const counts = await queue.getJobCounts(...STATES);
  const oldest = [
    ...(await queue.getJobs(['wait'], 0, 0, true)),
    ...(await queue.getJobs(['prioritized'], 0, 20, true)),
  ].filter(Boolean);
  let lagSeconds = 0;
  for (const job of oldest) {
    const readyAt = job.timestamp + (job.delay ?? 0);
    lagSeconds = Math.max(lagSeconds, (now - readyAt) / 1000);
  }
  return { queue: queue.name, counts, lagSeconds: Math.max(0, lagSeconds) };
}
