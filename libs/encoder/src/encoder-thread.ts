/**
 * The encoder's own thread: loads the sentence encoder once and encodes the batches posted to it, so the heavy
 * WASM work never blocks the worker's event loop. See EncoderThreadClient.
 */
import { parentPort } from 'node:worker_threads';
import { SentenceEncoder } from './sentence-encoder';

export type EncoderRequest = { id: number; texts: string[] };
export type EncoderReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; vectors: Float32Array[] }
  | { type: 'error'; id: number; message: string };

const reply = (m: EncoderReply, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(m, transfer);

SentenceEncoder.load().then(
  (encoder) => {
    parentPort!.on('message', (req: EncoderRequest) => {
      encoder.encode(req.texts).then(
        (vectors) =>
          reply(
            { type: 'done', id: req.id, vectors },
            vectors.map((v) => v.buffer as ArrayBuffer),
          ),
        (err: Error) => reply({ type: 'error', id: req.id, message: err.message }),
      );
    });
    reply({ type: 'ready' });
  },
  (err: Error) => {
    throw err;
  },
);
