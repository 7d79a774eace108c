import iconv from 'iconv-lite';

/** The media type and charset parameter of a Content-Type header, lower case. */
export function parseContentType(header: string | undefined): { mediaType: string; charset: string | null } {
  if (!header) return { mediaType: '', charset: null };
  const [type, ...params] = header.split(';');
  let charset: string | null = null;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p);
    if (m) charset = m[1].toLowerCase();
  }
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** The charset a document declares in its first bytes: a BOM, `<meta charset>`, `<meta http-equiv>` or `<?xml encoding>`. */
export function sniffCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  const head = body.subarray(0, 2048).toString('latin1');
  const meta =
    /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head) ??
    /<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_:.-]+)["']/i.exec(head);
  return meta ? meta[1].toLowerCase() : null;
}

/**
 * Decodes a body: a BOM wins, then the header's charset, then the one the document declares, then UTF-8.
 * A charset iconv-lite does not know falls back to UTF-8 rather than failing.
 */
export function decodeBody(body: Buffer, headerCharset: string | null): { text: string; charset: string } {
  const bom = sniffCharset(body.subarray(0, 3));
  const declared = bom ?? headerCharset ?? sniffCharset(body);
  const charset = declared && iconv.encodingExists(declared) ? declared : 'utf-8';
  return { text: iconv.decode(body, charset), charset };
}
