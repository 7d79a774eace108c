/** Ranking measures of the CheckThat! lab: MAP@k (AP over min(|gold|, k)), Recall@k; means over the queries. */
export function evaluate(ranked: Map<string, string[]>, gold: Map<string, Set<string>>) {
  let map5 = 0;
  let r1 = 0;
  let r5 = 0;
  for (const [q, rel] of gold) {
    const list = ranked.get(q) ?? [];
    let hits = 0;
    let ap = 0;
    list.slice(0, 5).forEach((id, i) => {
      if (rel.has(id)) ap += ++hits / (i + 1);
    });
    map5 += ap / Math.min(rel.size, 5);
    r1 += list.slice(0, 1).filter((id) => rel.has(id)).length / rel.size;
    r5 += list.slice(0, 5).filter((id) => rel.has(id)).length / rel.size;
  }
  const n = gold.size;
  return { map5: map5 / n, r1: r1 / n, r5: r5 / n };
}

export function fmtScores(name: string, s: { map5: number; r1: number; r5: number }): string {
  return `${name.padEnd(28)} MAP@5 ${s.map5.toFixed(4)}  R@1 ${s.r1.toFixed(4)}  R@5 ${s.r5.toFixed(4)}`;
}
