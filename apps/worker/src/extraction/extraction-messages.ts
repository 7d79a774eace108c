import type { ArticleInput, ExtractedClaim, ExtractOptions } from '@claimdesk/extraction';

/** What the pool and its threads say to each other. */
export interface ThreadData {
  /** A module exporting `createExtractor()`, used instead of the real extractor (tests only). */
  extractorModule?: string;
  /** The thread's own file, when it must be loaded through a TypeScript loader (tests run from source). */
  entry?: string;
}

export interface ThreadTask {
  id: number;
  article: ArticleInput;
  options: ExtractOptions;
}

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; claims: ExtractedClaim[] }
  | { type: 'error'; id: number; message: string };
