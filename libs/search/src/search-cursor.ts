import { InvalidError } from '@claimdesk/common';

/** Keyset position in a ranked list: the (rank, id) of the last hit, opaque to clients. */
export interface RankCursor {
  rank: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rank travels as PostgreSQL printed it (a float4 in shortest round-trip form), so `::real` gives it back. */
export function encodeRankCursor(c: RankCursor): string {
  return Buffer.from(`r|${c.rank}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeRankCursor(raw: string | undefined): RankCursor | null {
  if (!raw) return null;
  const [tag, rank, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const n = Number(rank);
  if (tag !== 'r' || !rank || !Number.isFinite(n) || n < 0 || !id || !UUID.test(id)) {
    throw new InvalidError('cursor', 'is not a cursor returned by this search');
  }
  return { rank: n, id };
}
