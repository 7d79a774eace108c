/**
 * A set of claim ids that another feature defines over its own tables, as a subquery with named
 * parameters (e.g. review's "claims this reviewer holds or has held"). Claims filters by it without
 * knowing those tables: DESIGN.md's "features never use each other's tables".
 */
export interface ClaimIdScope {
  /** `SELECT <claim id column> FROM ...`, with `:name` parameters. */
  sql: string;
  params: Record<string, unknown>;
}

/** Answered by the feature that owns assignments (review), which registers it with ClaimsService at start-up. */
export interface ClaimHolders {
  /** Claims the reviewer holds or has held: what a reviewer may read. */
  heldBy(reviewerId: string): ClaimIdScope;
}
