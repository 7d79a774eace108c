import type { ClaimType, Quantity } from './types';

// Full Fact's taxonomy, checked in this order: a forecast with a number is still a prediction.
const PREDICTION =
  /\b(will|won't|shall|going to|set to|expected to|expects? to|forecasts?|projected|projects? to|predicts?|predicted|likely to|unlikely to|next (?:year|month|week|decade|century)|by 20\d\d|in the coming|in the future|would (?:rise|fall|increase|decrease|lead|cost|create|cut|raise))\b/i;
const QUANTITY_CHANGE =
  /\b(increased?|increases|increasing|decreased?|decreases|rose|risen|rising|fell|fallen|falling|doubled|tripled|halved|grew(?! up)|grown(?! up)|growing(?! up)|declined?|declining|dropped|soared|surged|plunged|highest|lowest|record (?:high|low)|more than|less than|fewer than|the majority of|on average|per capita|rate of)\b/i;
const CAUSAL =
  /\b(because|caused?|causes|causing|due to|led to|leads? to|leading to|result(?:ed|s)? in|as a result|thanks to|responsible for|blamed?|blames|linked to|associated with|contribut(?:ed|es|ing) to|driven by|therefore|consequently|the effect of|the impact of|so that)\b/i;
const RULE =
  /\b(laws?|legal|illegal|illegally|unlawful|lawful|regulations?|regulators?|constitution(?:al)?|unconstitutional|statutes?|legislation|treaty|banned|bans|prohibit(?:ed|s)?|permitted|allowed to|required to|requires?|mandatory|obliged to|is a crime|under the rules|court ruled|eligible)\b/i;
const PERSONAL = /(?:^|[^\w'])(I|I'm|I've|I'd|I'll|me|my|myself|mine)(?![\w'])/;

/** Assigns a claim one of Full Fact's claim types from its wording and its quantities. */
export class ClaimTyper {
  type(text: string, quantities: readonly Quantity[]): ClaimType {
    if (PREDICTION.test(text)) return 'prediction';
    if (quantities.length > 0 || QUANTITY_CHANGE.test(text)) return 'quantity';
    if (CAUSAL.test(text)) return 'causal';
    if (RULE.test(text)) return 'rule';
    if (PERSONAL.test(text)) return 'personal';
    return 'other';
  }
}
