import winkNLP from 'wink-nlp';

/** Tokens of one text as wink sees them: values, POS tags and entity types. */
export interface Analysis {
  tokens: string[];
  pos: string[];
  entities: string[];
}

type Wink = ReturnType<typeof winkNLP>;
let instance: Wink | null = null;

/** wink and its model load once per process (about 0.3 s); every extractor shares them. */
export function wink(): Wink {
  // Required here, not imported at the top: importing @claimdesk/extraction for its types (as the api does)
  // must not load the model, which costs about 100 MiB of memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  instance ??= winkNLP(require('wink-eng-lite-web-model'), ['sbd', 'pos', 'ner']);
  return instance;
}

export function analyze(text: string): Analysis {
  const nlp = wink();
  const doc = nlp.readDoc(text);
  const its = nlp.its;
  return {
    tokens: doc.tokens().out(its.value) as string[],
    pos: doc.tokens().out(its.pos) as string[],
    entities: doc.entities().out(its.type) as string[],
  };
}
