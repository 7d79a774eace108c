import type { Segment } from './sentence-segmenter';

/** The reporting frame found in one sentence. */
export interface Attribution {
  /** Who is reported as speaking, as written ("Wang", "The diplomat", "China's regulator"); null if no frame. */
  mention: string | null;
  kind: 'name' | 'role' | 'pronoun' | 'org' | null;
  /** The claim without its frame and without enclosing quotes. */
  text: string;
}

export interface ResolvedClaimant {
  claimant: string | null;
  text: string;
}

const VERBS =
  'said|says|say|told|tells|argued|argues|added|adds|claimed|claims|stated|states|announced|announces|noted|notes|' +
  'explained|explains|insisted|insists|warned|warns|accused|accuses|alleged|alleges|asserted|asserts|contended|' +
  'declared|declares|maintained|maintains|reported|reports|revealed|reveals|recalled|recalls|suggested|suggests|' +
  'wrote|writes|tweeted|emphasized|emphasised|stressed|stresses|confirmed|confirms|acknowledged|admitted|admits|' +
  'testified|estimated|estimates|predicted|predicts|concluded|believes|believed|underlined|highlighted|stated|' +
  'informed|assured|remarked|observed|charged|complained|pointed out|thinks|think|believe|agreed|disclosed';
// Verbs whose object is what the speaker claims even without "that": "X said the economy grew".
// prettier-ignore
const CLAUSE_VERBS = new Set([
  'said', 'says', 'say', 'argued', 'argues', 'claimed', 'claims', 'insisted', 'insists', 'believes', 'believed',
  'believe', 'think', 'thinks', 'added', 'adds', 'stated', 'states', 'noted', 'notes', 'wrote', 'writes', 'estimated',
  'estimates', 'predicted', 'predicts', 'warned', 'warns', 'maintained', 'contended', 'asserted', 'stressed',
  'emphasized', 'emphasised', 'suggested', 'admitted', 'acknowledged', 'confirmed',
]);
const FRAME_VERB = new RegExp(`\\b(${VERBS})\\b`, 'g');
// Attribution sees text whose whitespace runs are collapsed to one space (prepare), so these patterns match a
// single whitespace character where `\s+` was meant: with `\s+` beside classes that also take whitespace, a long
// run made the engine try every way of sharing it out ('It rose, a' + 'said' + N spaces was quadratic in N).
// What is left is linear in the text.
const TAIL_SUBJECT_VERB = new RegExp(`^([^,;"“”]{1,80}?)\\s(${VERBS})(?:\\s([^,;"“”]{0,60}?))?\\s?[.!?]?["”]?$`);
const TAIL_VERB_SUBJECT = new RegExp(`^(?:${VERBS})\\s([^,;"“”]{1,80}?)\\s?[.!?]?["”]?$`);
const ACCORDING_TO_LEAD = /^According to ([^,]{2,80}),\s(.+)$/;
const ACCORDING_TO_TAIL = /^(.+?),\saccording to ([^,]{2,80}?)[.!?]?["”]?$/;
const THAT_CLAUSE = /^\s(?:([^,;"“”]{1,60}?)\s)?that\s(.+)$/;
const CLAUSE_OBJECT = /^\s(?!(?:on|in|at|during|to|of|for|with|by|yesterday|today|last|this)\b)\S/;
// "Smith, who was elected in 2010, said ...": the head of the sentence, tested once per sentence.
const RELATIVE_HEAD = /^([^,]{1,60}), (?:who|which|a|an|the)\b/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/g;
const WHITESPACE_RUN = /\s{2,}/g;
// Longer than any sentence of the CheckThat! data (833 characters at most): a longer "sentence" is attributed,
// scored and parsed on its first MAX_CLAIM_CHARS characters, so its cost is bounded whatever it holds.
export const MAX_CLAIM_CHARS = 2000;
const MAX_SUBJECT_WORDS = 10;
const NOT_SUBJECT =
  /\b(is|are|was|were|has|have|had|will|would|can|could|should|do|does|did|be|been|which|who|whom|that|when|if|because|while|not|it|there|this|as|although|where|whether|or)\b/i;
const PRONOUNS = new Set(['he', 'she']);
const PERSON_ROLES =
  /\b(spokesman|spokeswoman|spokesperson|diplomat|minister|official|president|senator|governor|mayor|secretary|chairman|chairwoman|chair|executive|lawyer|ambassador|envoy|leader|premier|chancellor|king|queen|analyst|expert|author|researcher|professor|director|chief|ceo|commissioner|representative|general|economist|scientist|doctor|officer|candidate|prosecutor|judge)s?$/i;
// Words that precede a name in a title but are not part of it: "Corporate Vice President Tom Burt".
const TITLE_WORDS = new Set(
  (
    'President Vice Prime Minister Secretary Senator Sen Sen. Rep Rep. Representative Governor Gov Gov. Mayor ' +
    'Chairman Chairwoman Chair CEO Director General Spokesman Spokeswoman Spokesperson Chief Executive Officer ' +
    'Deputy Assistant Corporate Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Judge Justice King Queen Prince ' +
    'Princess Pope Ambassador Commissioner Chancellor Foreign Defense Defence Interior Finance Health State Former ' +
    'Senior Acting Lieutenant Colonel Major Captain Admiral Speaker Leader Attorney Press Global Managing'
  ).split(' '),
);
// Sticky: tried only at the first possible start in each word (see collectNames).
const NAME_RUN = /\b[A-Z][\p{L}'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\p{L}'’-]+)+/uy;
const NAME_START = /\b[A-Z]/g;
const WORD_REST = /[\p{L}'’-]*/uy;
// Fuzzy matching ("Wand" -> "Wang") is for name-sized words; longer ones are taken as written.
const MAX_FUZZY_CHARS = 40;

/** Finds who makes a claim: the reporting frame in a sentence, continuing quotes, and the fullest name. */
export class ClaimantResolver {
  private readonly maxClaimChars: number;

  /** `maxClaimChars` (default MAX_CLAIM_CHARS): tests lift it to check the frame rules alone on long text. */
  constructor(options: { maxClaimChars?: number } = {}) {
    this.maxClaimChars = options.maxClaimChars ?? MAX_CLAIM_CHARS;
  }

  /** The reporting frame of one sentence, on its own (no article context). */
  attribute(sentence: string): Attribution {
    const bare = prepare(sentence, this.maxClaimChars);
    return (
      this.accordingTo(bare) ??
      this.tailFrame(bare) ??
      this.leadFrame(bare) ?? { mention: null, kind: null, text: stripQuotes(bare) }
    );
  }

  /** Resolves every sentence of an article: frames, pronouns and roles, quotes that span sentences, full names. */
  resolveArticle(segments: Segment[], fullText: string): ResolvedClaimant[] {
    const frames = segments.map((s) => this.attribute(s.text));
    const names = new NameIndex(this.collectNames(fullText));
    // A mention resolves the same way wherever it appears: each distinct one is looked up once.
    const speakerOf = memo((mention: string) => names.fullest(mention, null));
    const speakers = frames.filter((f) => f.kind === 'name').map((f) => speakerOf(f.mention!));
    const known = new SpeakerIndex(speakers.filter((n): n is string => n !== null && n.includes(' ')));
    const claimantOf = memo((mention: string) => names.fullest(mention, known));
    const out: ResolvedClaimant[] = [];
    let lastPerson: string | null = null;
    for (const f of frames) {
      let claimant: string | null = null;
      if (f.kind === 'name') claimant = claimantOf(f.mention!);
      else if (f.kind === 'pronoun' || f.kind === 'role')
        claimant = lastPerson ?? (f.kind === 'role' ? f.mention : null);
      else if (f.kind === 'org') claimant = f.mention;
      if (claimant && (f.kind === 'name' || f.kind === 'pronoun' || f.kind === 'role')) lastPerson = claimant;
      out.push({ claimant, text: f.text });
    }
    // A quotation running over several sentences belongs to whoever is credited anywhere in it.
    let groupStart = 0;
    for (let i = 0; i < segments.length; i++) {
      if (segments[i].quoteOpenAtEnd && i + 1 < segments.length) continue;
      const group = out.slice(groupStart, i + 1);
      const credited = [...group].reverse().find((r) => r.claimant !== null)?.claimant ?? null;
      if (credited && group.length > 1) for (const r of group) r.claimant ??= credited;
      groupStart = i + 1;
    }
    // A fully quoted sentence right after a credited quote continues it: `"A," Wang said. "B."`
    for (let i = 1; i < segments.length; i++) {
      if (
        out[i].claimant === null &&
        /^["“]/.test(segments[i].text) &&
        /["”]/.test(segments[i - 1].text) &&
        segments[i].paragraph - segments[i - 1].paragraph <= 1
      ) {
        out[i].claimant = out[i - 1].claimant;
      }
    }
    return out;
  }

  /**
   * The longest name in the article that contains `mention` ("Wang" -> "Wang Wenbin"). A one-letter typo of a known
   * speaker's name ("Wand") resolves to that speaker when exactly one matches.
   */
  fullestName(mention: string, names: string[], speakers: string[]): string | null {
    return new NameIndex(names).fullest(mention, new SpeakerIndex(speakers));
  }

  /** Multi-word capitalised runs with leading titles removed: candidate full names. */
  collectNames(text: string): string[] {
    const names = new Set<string>();
    // The same matches as matchAll over the whole text, but once a start fails the rest of its word is skipped:
    // a later start in the same word reaches the same continuation, so it fails too, and trying them all was
    // quadratic in a long hyphenated word ("A-A-A-...").
    NAME_START.lastIndex = 0;
    let c: RegExpExecArray | null;
    while ((c = NAME_START.exec(text))) {
      NAME_RUN.lastIndex = c.index;
      const m = NAME_RUN.exec(text);
      if (m) {
        const name = stripTitles(m[0]);
        if (name.includes(' ')) names.add(name);
        NAME_START.lastIndex = c.index + m[0].length;
      } else {
        WORD_REST.lastIndex = c.index;
        WORD_REST.exec(text);
        NAME_START.lastIndex = Math.max(WORD_REST.lastIndex, c.index + 1);
      }
    }
    return [...names];
  }

  private accordingTo(s: string): Attribution | null {
    let m = ACCORDING_TO_LEAD.exec(s);
    if (m) return { ...this.classify(m[1]), text: stripQuotes(m[2]) };
    m = ACCORDING_TO_TAIL.exec(s);
    if (m) return { ...this.classify(m[2]), text: finish(stripQuotes(m[1])) };
    return null;
  }

  /** `CLAIM, X said on Monday.`, `"CLAIM," said X, a senator.` */
  private tailFrame(s: string): Attribution | null {
    const cuts: number[] = [];
    for (const m of s.matchAll(/(?:, |,["”]|[?!]["”])/g)) cuts.push(m.index);
    for (const cut of cuts.reverse().slice(0, 3)) {
      if (cut <= 0) continue;
      const head = s.slice(0, s[cut + 1] === ' ' ? cut : cut + 1);
      const tail = s.slice(cut + 2).trim();
      // An appositive after the speaker is not part of the frame: "said Bob Smith, a Republican."
      const tails = tail.includes(', ') ? [tail, `${tail.slice(0, tail.indexOf(', '))}.`] : [tail];
      for (const t of tails) {
        const sv = TAIL_SUBJECT_VERB.exec(t);
        const subject = sv?.[1] ?? TAIL_VERB_SUBJECT.exec(t)?.[1];
        if (!subject || NOT_SUBJECT.test(subject) || subject.split(/\s+/).length > 10) continue;
        if (sv?.[3] && /\bthat\b/.test(sv[3])) continue;
        return { ...this.classify(subject), text: finish(stripQuotes(head)) };
      }
    }
    return null;
  }

  /** `X told Y that CLAIM`, `X said CLAIM`, `X accused Y of Z`. */
  private leadFrame(s: string): Attribution | null {
    const relative = RELATIVE_HEAD.exec(s);
    let relativeBreak = -1; // the first line terminator after the relative head (`.` stops there)
    if (relative) {
      LINE_TERMINATOR.lastIndex = relative[0].length;
      relativeBreak = LINE_TERMINATOR.exec(s)?.index ?? s.length;
    }
    FRAME_VERB.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = FRAME_VERB.exec(s))) {
      // The clause before the verb, from the last ", ": looked for backwards and given up past the subject's
      // word limit, so a run of verbs does not re-read the growing text before each one.
      const clauseStart = clauseBefore(s, m.index);
      if (clauseStart < 0) continue; // more than MAX_SUBJECT_WORDS words: not a subject
      let subject = s.slice(clauseStart, m.index).trim().replace(/^["“]/, '');
      // "Smith, who was elected in 2010, said ...": the speaker is before the relative clause.
      if (
        !subject &&
        relative &&
        s.startsWith(', ', m.index - 2) &&
        m.index - 2 >= relative[0].length &&
        relativeBreak >= m.index - 2
      ) {
        subject = relative[1];
      }
      if (
        !subject ||
        NOT_SUBJECT.test(subject) ||
        subject.split(/\s+/).length > MAX_SUBJECT_WORDS ||
        /[;:"“”()]/.test(subject)
      )
        continue;
      const after = s.slice(m.index + m[0].length);
      const that = THAT_CLAUSE.exec(after);
      const verb = m[1];
      let text: string;
      if (
        that &&
        (that[1] === undefined ||
          /^(told|tells|informed|assured|warned|reminded)$/.test(verb) ||
          /^(in|on|at|during|last|this)\b/.test(that[1]))
      ) {
        text = that[2];
      } else if (CLAUSE_VERBS.has(verb) && CLAUSE_OBJECT.test(after) && after.trim().split(/\s+/).length >= 3) {
        text = after.trim();
      } else {
        text = s; // "accused X of Y", "recalled the case of ...": the frame is part of the claim
      }
      return { ...this.classify(subject), text: stripQuotes(text) };
    }
    return null;
  }

  private classify(subject: string): Omit<Attribution, 'text'> {
    const clean = subject.replace(/^(?:and|but|so|then)\s+/i, '').trim();
    if (PRONOUNS.has(clean.toLowerCase())) return { mention: clean, kind: 'pronoun' };
    const words = clean.split(/\s+/);
    // The trailing run of capitalised words, once titles are removed, is a person's name.
    let k = words.length;
    while (k > 0 && /^[A-Z][\p{L}'’.-]*$/u.test(words[k - 1])) k--;
    const name = stripTitles(words.slice(k).join(' '));
    const determiner = /^(the|a|an|this|that)$/i.test(words[0] ?? '');
    if (name && !(k === 0 && determiner)) return { mention: name, kind: 'name' };
    if (PERSON_ROLES.test(clean) && (determiner || words.length <= 2)) return { mention: clean, kind: 'role' };
    return { mention: clean, kind: 'org' };
  }
}

function stripTitles(run: string): string {
  const words = run.split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && TITLE_WORDS.has(words[i])) i++;
  if (TITLE_WORDS.has(words[i])) return '';
  return words.slice(i).join(' ');
}

function stripQuotes(s: string): string {
  let t = s.trim();
  if (/^["“]/.test(t)) t = t.slice(1);
  // Drop a closing quote only when nothing inside the text opened it.
  if (/["”]$/.test(t) && (t.match(/["“”]/g) ?? []).length % 2 === 1) t = t.slice(0, -1);
  return t.trim();
}

function finish(s: string): string {
  // Trimmed by hand: /[,;:\s]+$/ retried from every character of a run it could not end with (quadratic).
  let end = s.length;
  while (end > 0 && /[,;:\s]/.test(s[end - 1])) end--;
  const t = s.slice(0, end);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * What attribution reads: runs of whitespace collapsed to one space and at most `maxChars` characters (cut at a
 * space where there is one), trimmed. Sentences of normal copy pass unchanged.
 */
export function prepare(sentence: string, maxChars = MAX_CLAIM_CHARS): string {
  let t = sentence.replace(WHITESPACE_RUN, ' ');
  if (t.length > maxChars) {
    const space = t.lastIndexOf(' ', maxChars);
    t = t.slice(0, space > 0 ? space : maxChars);
  }
  return t.trim();
}

/**
 * Where the clause ending at `verbAt` starts: after the last ", " before it, or 0. Scans backwards and returns -1
 * as soon as the clause has more than MAX_SUBJECT_WORDS words, so each character is read for a few verbs at most.
 */
function clauseBefore(s: string, verbAt: number): number {
  let words = 0;
  let inWord = false;
  for (let i = verbAt - 1; i >= 0; i--) {
    if (s[i] === ',' && s[i + 1] === ' ') return i + 1;
    const code = s.charCodeAt(i);
    // `\s` without a regex call per character on ASCII text.
    const space = code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(s[i]));
    if (!space && !inWord && ++words > MAX_SUBJECT_WORDS) return -1;
    inWord = !space;
  }
  return 0;
}

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, fn(key));
    return cache.get(key)!;
  };
}

/**
 * The candidate full names of an article, indexed by word: a mention is compared with the names holding its
 * rarest word, not with every name (thousands of speakers against thousands of names was quadratic).
 */
class NameIndex {
  private readonly byWord = new Map<string, number[]>();
  private readonly parts: string[][];

  constructor(private readonly names: string[]) {
    this.parts = names.map((n) => n.split(/\s+/));
    this.parts.forEach((parts, i) => {
      for (const p of new Set(parts)) {
        const list = this.byWord.get(p);
        if (list) list.push(i);
        else this.byWord.set(p, [i]);
      }
    });
  }

  /**
   * The longest name that contains `mention` ("Wang" -> "Wang Wenbin"), the first such in the article on a tie;
   * else a one-letter typo of exactly one known speaker's name ("Wand"); else the mention as written.
   */
  fullest(mention: string, speakers: SpeakerIndex | null): string | null {
    const tokens = mention.split(/\s+/);
    let candidates: number[] | undefined;
    for (const t of tokens) {
      const list = this.byWord.get(t);
      if (!list) {
        candidates = [];
        break;
      }
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    let best = -1;
    for (const i of candidates ?? []) {
      const parts = this.parts[i];
      if (!parts.some((_, k) => tokens.every((t, j) => parts[k + j] === t))) continue;
      if (best < 0 || parts.length > this.parts[best].length) best = i;
    }
    if (best >= 0) return this.parts[best].length >= tokens.length ? this.names[best] : mention;
    if (speakers && tokens.length === 1 && mention.length >= 4) return speakers.onlyCloseTo(mention) ?? mention;
    return mention;
  }
}

/**
 * Known speakers' full names, indexed by each word and by each word with one letter deleted: two words are within
 * one edit only if they share one of those keys, so a mention is compared with a handful of words, not all.
 */
class SpeakerIndex {
  private byKey: Map<string, Set<string>> | null = null;

  constructor(private readonly speakers: string[]) {}

  /** Built on the first fuzzy look-up: most articles need none. */
  private index(): Map<string, Set<string>> {
    if (this.byKey) return this.byKey;
    this.byKey = new Map();
    for (const name of new Set(this.speakers)) {
      for (const p of name.split(/\s+/)) {
        if (p.length > MAX_FUZZY_CHARS + 1) continue;
        for (const key of deletionKeys(p)) {
          const set = this.byKey.get(key);
          if (set) set.add(name);
          else this.byKey.set(key, new Set([name]));
        }
      }
    }
    return this.byKey;
  }

  /** The one speaker with a word within one edit of `mention` and the same first letter; null if none or several. */
  onlyCloseTo(mention: string): string | null {
    if (mention.length > MAX_FUZZY_CHARS) return null;
    let found: string | null = null;
    const seen = new Set<string>();
    const byKey = this.index();
    for (const key of deletionKeys(mention)) {
      for (const name of byKey.get(key) ?? []) {
        if (seen.has(name)) continue;
        seen.add(name);
        if (!name.split(/\s+/).some((p) => p[0] === mention[0] && editDistanceAtMostOne(p, mention))) continue;
        if (found !== null) return null;
        found = name;
      }
    }
    return found;
  }
}

/** The word itself and the word with each one letter deleted. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
