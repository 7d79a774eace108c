import { ApiProperty } from '@nestjs/swagger';

/** Keyset pagination (API.md): pass nextCursor as `cursor` for the next page; null on the last. */
export class PageResponse {
  @ApiProperty({ type: String, nullable: true, description: 'opaque cursor for the next page; null on the last' })
  nextCursor!: string | null;
}
