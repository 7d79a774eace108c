import { ClaimantResolver, QuantityParser, type Quantity } from '@claimdesk/extraction';

const parser = new QuantityParser();
const resolver = new ClaimantResolver();

/** The quantities of a text as the extractor reads them (claims from the pipeline carry theirs already). */
export function quantitiesOf(text: string): Quantity[] {
  return parser.parse(text);
}

/** Who a text credits, as the extractor reads a lone sentence ("Burt said ..."); null when unattributed. */
export function claimantOf(text: string): string | null {
  const a = resolver.attribute(text);
  return a.kind === 'name' || a.kind === 'org' ? a.mention : null;
}

function bounds(q: Quantity): [number, number] | null {
  if (q.value !== undefined) return [q.value, q.value];
  if (q.min !== undefined || q.max !== undefined) return [q.min ?? q.max!, q.max ?? q.min!];
  return null;
}

/** Two quantities agree when their values (or ranges) overlap, within 1% either way. */
export function sameQuantity(a: Quantity, b: Quantity): boolean {
  const x = bounds(a);
  const y = bounds(b);
  if (!x || !y) return false;
  const slack = 0.01 * Math.max(Math.abs(x[1]), Math.abs(y[1]));
  return x[0] <= y[1] + slack && y[0] <= x[1] + slack;
}

/**
 * How the quantities of two claims compare: `shared` is the fraction of the smaller set found in the other
 * (0 when either has none); `conflict` is 1 when both state quantities and none agree.
 */
export function quantityOverlap(a: Quantity[], b: Quantity[]): { shared: number; conflict: number } {
  const qa = a.filter((q) => bounds(q));
  const qb = b.filter((q) => bounds(q));
  if (!qa.length || !qb.length) return { shared: 0, conflict: 0 };
  const [small, large] = qa.length <= qb.length ? [qa, qb] : [qb, qa];
  const found = small.filter((q) => large.some((r) => sameQuantity(q, r))).length;
  return { shared: found / small.length, conflict: found ? 0 : 1 };
}

/**
 * Whether two claims state the same figures, so that one may be a repeat of the other: every quantity of the one
 * with fewer equals one of the other's (each bound within 1%), or one states none. Stricter than the overlap the
 * ranking scores ("2,400 to 3,500" overlaps "2,400 to 9,500"): the same sentence with another figure is a new
 * claim, often the one worth checking, so the pipeline suggests it to editors instead of calling it a repeat.
 */
export function sameFigures(a: Quantity[], b: Quantity[]): boolean {
  const qa = a.map(bounds).filter((x): x is [number, number] => x !== null);
  const qb = b.map(bounds).filter((x): x is [number, number] => x !== null);
  if (!qa.length || !qb.length) return true;
  const [small, large] = qa.length <= qb.length ? [qa, qb] : [qb, qa];
  const near = (x: number, y: number) => Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));
  return small.every(([lo, hi]) => large.some(([lo2, hi2]) => near(lo, lo2) && near(hi, hi2)));
}

const NAME_WORD = /[\p{L}][\p{L}'’-]*/gu;

function nameWords(name: string): string[] {
  return (name.toLowerCase().match(NAME_WORD) ?? []).filter((w) => w.length > 1);
}

/**
 * The claimants compared: `same` when both are named and share their last word ("Tom Burt" and "Burt"), or one
 * holds the other; `different` when both are named and share nothing.
 */
export function claimantOverlap(a: string | null | undefined, b: string | null | undefined) {
  if (!a || !b) return { same: 0, different: 0 };
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (!wa.length || !wb.length) return { same: 0, different: 0 };
  const same =
    wa[wa.length - 1] === wb[wb.length - 1] || wa.every((w) => wb.includes(w)) || wb.every((w) => wa.includes(w));
  return { same: same ? 1 : 0, different: same ? 0 : 1 };
}
