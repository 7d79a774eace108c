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
const CLAUSE_VERBS = new Set(['said', 'says', 'say', 'argued', 'argues', 'claimed', 'claims', 'insisted', 'insists', 'believes', 'believed', 'believe', 'think', 'thinks', 'added', 'adds', 'stated', 'states', 'noted', 'notes', 'wrote', 'writes', 'estimated', 'estimates', 'predicted', 'predicts', 'warned', 'warns', 'maintained', 'contended', 'asserted', 'stressed', 'emphasized', 'emphasised', 'suggested', 'admitted', 'acknowledged', 'confirmed']);
const FRAME_VERB = new RegExp(`\\b(${VERBS})\\b`, 'g');
const TAIL_SUBJECT_VERB = new RegExp(`^([^,;"“”]{1,80}?)\\s+(${VERBS})(?:\\s+([^,;"“”]{0,60}?))?\\s*[.!?]?["”]?$`);
const TAIL_VERB_SUBJECT = new RegExp(`^(?:${VERBS})\\s+([^,;"“”]{1,80}?)\\s*[.!?]?["”]?$`);
const NOT_SUBJECT = /\b(is|are|was|were|has|have|had|will|would|can|could|should|do|does|did|be|been|which|who|whom|that|when|if|because|while|not|it|there|this|as|although|where|whether|or)\b/i;
const PRONOUNS = new Set(['he', 'she']);
const PERSON_ROLES =
  /\b(spokesman|spokeswoman|spokesperson|diplomat|minister|official|president|senator|governor|mayor|secretary|chairman|chairwoman|chair|executive|lawyer|ambassador|envoy|leader|premier|chancellor|king|queen|analyst|expert|author|researcher|professor|director|chief|ceo|commissioner|representative|general|economist|scientist|doctor|officer|candidate|prosecutor|judge)s?$/i;
// Words that precede a name in a title but are not part of it: "Corporate Vice President Tom Burt".
const TITLE_WORDS = new Set(
  ('President Vice Prime Minister Secretary Senator Sen Sen. Rep Rep. Representative Governor Gov Gov. Mayor ' +
    'Chairman Chairwoman Chair CEO Director General Spokesman Spokeswoman Spokesperson Chief Executive Officer ' +
    'Deputy Assistant Corporate Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Judge Justice King Queen Prince ' +
    'Princess Pope Ambassador Commissioner Chancellor Foreign Defense Defence Interior Finance Health State Former ' +
    'Senior Acting Lieutenant Colonel Major Captain Admiral Speaker Leader Attorney Press Global Managing').split(' '),
);
const NAME_RUN = /\b[A-Z][\p{L}'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][\p{L}'’-]+)+/gu;

/** Finds who makes a claim: the reporting frame in a sentence, continuing quotes, and the fullest name. */
export class ClaimantResolver {
  /** The reporting frame of one sentence, on its own (no article context). */
  attribute(sentence: string): Attribution {
    const bare = sentence.trim();
    return this.accordingTo(bare) ?? this.tailFrame(bare) ?? this.leadFrame(bare) ?? { mention: null, kind: null, text: stripQuotes(bare) };
  }

  /** Resolves every sentence of an article: frames, pronouns and roles, quotes that span sentences, full names. */
  resolveArticle(segments: Segment[], fullText: string): ResolvedClaimant[] {
    const frames = segments.map((s) => this.attribute(s.text));
    const names = this.collectNames(fullText);
    const speakers = frames.filter((f) => f.kind === 'name').map((f) => this.fullestName(f.mention!, names, []));
    const known = speakers.filter((n): n is string => n !== null && n.includes(' '));
    const out: ResolvedClaimant[] = [];
    let lastPerson: string | null = null;
    for (const f of frames) {
      let claimant: string | null = null;
      if (f.kind === 'name') claimant = this.fullestName(f.mention!, names, known);
      else if (f.kind === 'pronoun' || f.kind === 'role') claimant = lastPerson ?? (f.kind === 'role' ? f.mention : null);
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
      if (out[i].claimant === null && /^["“]/.test(segments[i].text) && /["”]/.test(segments[i - 1].text) && segments[i].paragraph - segments[i - 1].paragraph <= 1) {
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
    const tokens = mention.split(/\s+/);
    const contains = (n: string) => {
      const parts = n.split(/\s+/);
      return parts.some((_, k) => tokens.every((t, j) => parts[k + j] === t));
    };
    const matches = names.filter(contains).sort((a, b) => b.split(' ').length - a.split(' ').length);
    if (matches.length) return matches[0].split(/\s+/).length >= tokens.length ? matches[0] : mention;
    if (tokens.length === 1 && mention.length >= 4) {
      const fuzzy = [...new Set(speakers.filter((n) => n.split(/\s+/).some((p) => p[0] === mention[0] && editDistanceAtMostOne(p, mention))))];
      if (fuzzy.length === 1) return fuzzy[0];
    }
    return mention;
  }

  /** Multi-word capitalised runs with leading titles removed: candidate full names. */
  collectNames(text: string): string[] {
    const names = new Set<string>();
    for (const m of text.matchAll(NAME_RUN)) {
      const name = stripTitles(m[0]);
      if (name.includes(' ')) names.add(name);
    }
    return [...names];
  }

  private accordingTo(s: string): Attribution | null {
    let m = /^According to ([^,]{2,80}),\s+(.+)$/.exec(s);
    if (m) return { ...this.classify(m[1]), text: stripQuotes(m[2]) };
    m = /^(.+?),\s+according to ([^,]{2,80}?)[.!?]?["”]?$/.exec(s);
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
    FRAME_VERB.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = FRAME_VERB.exec(s))) {
      const before = s.slice(0, m.index);
      const clauseStart = Math.max(before.lastIndexOf(', ') + 1, 0);
      let subject = before.slice(clauseStart).trim().replace(/^["“]/, '');
      // "Smith, who was elected in 2010, said ...": the speaker is before the relative clause.
      if (!subject) subject = /^([^,]{1,60}), (?:who|which|a|an|the)\b.*, $/.exec(before)?.[1] ?? '';
      if (!subject || NOT_SUBJECT.test(subject) || subject.split(/\s+/).length > 10 || /[;:"“”()]/.test(subject)) continue;
      const after = s.slice(m.index + m[0].length);
      const that = /^\s+(?:([^,;"“”]{1,60}?)\s+)?that\s+(.+)$/.exec(after);
      const verb = m[1];
      let text: string;
      if (that && (that[1] === undefined || /^(told|tells|informed|assured|warned|reminded)$/.test(verb) || /^(in|on|at|during|last|this)\b/.test(that[1]))) {
        text = that[2];
      } else if (CLAUSE_VERBS.has(verb) && /^\s+(?!(?:on|in|at|during|to|of|for|with|by|yesterday|today|last|this)\b)\S/.test(after) && after.trim().split(/\s+/).length >= 3) {
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
  const t = s.replace(/[,;:\s]+$/, '');
  return /[.!?]$/.test(t) ? t : `${t}.`;
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
