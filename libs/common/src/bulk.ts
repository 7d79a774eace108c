/** The outcome of one item of a bulk request. */
export interface BulkResult {
  id: string;
  ok: boolean;
  status?: string;
  error?: string;
}

/**
 * Runs `one` for each id in turn, each on its own (its own transaction): one refusal does not undo
 * the others, and the answer lists every outcome in the order asked.
 */
export async function eachOnItsOwn(
  ids: string[],
  one: (id: string) => Promise<{ status: string }>,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const id of ids) {
    try {
      results.push({ id, ok: true, status: (await one(id)).status });
    } catch (err) {
      results.push({ id, ok: false, error: (err as Error).message });
    }
  }
  return results;
}
