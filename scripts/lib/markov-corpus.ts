import { readSplit } from './checkworthiness-data';
import { ClaimCorpus } from './claim-corpus';
import { readClaims } from './matching-data';

/**
 * Synthetic claims with a real vocabulary, for benchmarks at scale: sentences walked from a word-bigram chain
 * built on the check-worthiness train sentences and the fact-checked claims (about 35,000 distinct words, in
 * their real frequencies), where ClaimCorpus's templates use about 1,400 words and give every claim thousands of
 * near neighbours. Still harder than a real archive, whose vocabulary keeps growing with its size. Seeded: the
 * same seed gives the same sentences.
 */
export class MarkovCorpus extends ClaimCorpus {
  private static chain: Map<string, string[]> | undefined;

  /** word -> the words that follow it in the sources (repeats kept, so a pick follows their frequencies). */
  private static build(): Map<string, string[]> {
    const chain = new Map<string, string[]>();
    const sources = [...readSplit('train').map((e) => e.text), ...readClaims().map((c) => c.vclaim)];
    for (const text of sources) {
      const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
      if (words.length < 6) continue;
      let prev = START;
      for (const w of [...words, END]) {
        let next = chain.get(prev);
        if (!next) chain.set(prev, (next = []));
        next.push(w);
        prev = w;
      }
    }
    return chain;
  }

  /** One sentence of 8 to 40 words from the chain; `who` says it (attributed, as a claim in an article is). */
  claim(who: string): { text: string; type: string } {
    const chain = (MarkovCorpus.chain ??= MarkovCorpus.build());
    let words: string[] = [];
    while (words.length < 8) {
      words = [];
      for (let w = this.pick(chain.get(START)!); w !== END && words.length < 40;) {
        words.push(w);
        w = this.pick(chain.get(w) ?? [END]);
      }
    }
    const sentence = words.join(' ').replace(/[.,;:!?]*$/, '');
    const text = this.rand() < 0.5 ? `${sentence}, ${who} said.` : `${sentence}.`;
    return { text, type: /\d/.test(text) ? 'quantity' : 'other' };
  }
}

const START = '\u0002';
const END = '\u0003';

/** The corpus a benchmark asked for: `templates` (ClaimCorpus) or `markov` (a real vocabulary). */
export function corpusOf(kind: string, seed: number): ClaimCorpus {
  if (kind === 'templates') return new ClaimCorpus(seed);
  if (kind === 'markov') return new MarkovCorpus(seed);
  throw new Error(`--corpus must be templates or markov, not ${kind}`);
}
