/** Text with leftover HTML entities decoded, and where each decoded character came from in the original. */
export interface Decoded {
  text: string;
  /** `map[i]` is the original offset of decoded character i; `map[text.length]` is the original length. */
  map: Int32Array | null;
}

// prettier-ignore
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', mdash: '—',
  ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', sbquo: '‚',
  bdquo: '„', prime: '′', deg: '°', euro: '€', pound: '£', yen: '¥', cent: '¢', copy: '©', reg: '®', trade: '™',
  times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', bull: '•', middot: '·', shy: '', zwj: '', zwnj: '',
  eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç',
  uuml: 'ü', ouml: 'ö', auml: 'ä', szlig: 'ß', percnt: '%', dollar: '$', num: '#', sol: '/',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));/g;

function decodeOne(m: RegExpExecArray): string | null {
  if (m[1] !== undefined || m[2] !== undefined) {
    const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2], 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return code === 0xa0 ? ' ' : String.fromCodePoint(code);
  }
  return NAMED[m[3].toLowerCase()] ?? null;
}

/**
 * Decodes the HTML entities left in scraped text ("&quot;", "&#8217;", "&nbsp;") in one pass, keeping an offset
 * map back to the original so spans stay exact. Text without "&" is returned as is (no map).
 */
export function decodeEntities(text: string): Decoded {
  if (!text.includes('&')) return { text, map: null };
  let out = '';
  const map: number[] = [];
  let from = 0;
  ENTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ENTITY.exec(text))) {
    const decoded = decodeOne(m);
    if (decoded === null) continue;
    out += text.slice(from, m.index);
    for (let i = from; i < m.index; i++) map.push(i);
    out += decoded;
    for (let i = 0; i < decoded.length; i++) map.push(m.index);
    from = m.index + m[0].length;
  }
  if (from === 0) return { text, map: null };
  out += text.slice(from);
  for (let i = from; i < text.length; i++) map.push(i);
  map.push(text.length);
  return { text: out, map: Int32Array.from(map) };
}
