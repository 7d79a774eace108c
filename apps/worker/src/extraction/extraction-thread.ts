/**
 * One extraction thread: loads the extractor once, then extracts the articles the pool posts, one at a time.
 * It runs off the worker's main event loop, so a slow article delays nothing else; the pool terminates the
 * thread when an article passes EXTRACTION_TIMEOUT_MS.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WinkClaimExtractor, type ClaimExtractor } from '@claimdesk/extraction';
import type { ThreadData, ThreadReply, ThreadTask } from './extraction-messages';

const data = workerData as ThreadData;
// Tests may point the thread at another extractor module (see extraction-pool.ts); production never does.
const extractor: ClaimExtractor = data.extractorModule
  ? // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time, in tests
    (require(data.extractorModule) as { createExtractor(): ClaimExtractor }).createExtractor()
  : new WinkClaimExtractor();

const reply = (message: ThreadReply) => parentPort!.postMessage(message);

parentPort!.on('message', (task: ThreadTask) => {
  try {
    reply({ type: 'done', id: task.id, claims: extractor.extract(task.article, task.options) });
  } catch (err) {
    reply({ type: 'error', id: task.id, message: (err as Error)?.message ?? String(err) });
  }
});
reply({ type: 'ready' });
