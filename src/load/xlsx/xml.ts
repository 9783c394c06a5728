// Just enough XML for the parts of a workbook: a flat scan of start tags, end tags and text,
// namespace prefixes dropped. Workbook parts are machine-written, so no DTDs are honoured
// (entities other than the five predefined and numeric ones stay as written).

export type XmlEvent =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][\s\S]*?>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** Calls `on` for every tag and text run of the document, in order. */
export function scanXml(xml: string, on: (e: XmlEvent) => void): void {
  TOKEN.lastIndex = 0;
  let last = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    if (m.index > last) on({ type: 'text', text: unescapeXml(xml.slice(last, m.index)) });
    last = TOKEN.lastIndex;
    if (m[1] !== undefined) on({ type: 'text', text: m[1] });
    else if (m[2] !== undefined) on({ type: 'close', name: local(m[2]) });
    else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      const src = m[4] ?? '';
      ATTR.lastIndex = 0;
      for (let a = ATTR.exec(src); a; a = ATTR.exec(src)) attrs[local(a[1]!)] = unescapeXml(a[2] ?? a[3] ?? '');
      const selfClosing = m[5] === '/';
      const name = local(m[3]);
      on({ type: 'open', name, attrs, selfClosing });
      if (selfClosing) on({ type: 'close', name });
    }
  }
  if (last < xml.length) on({ type: 'text', text: unescapeXml(xml.slice(last)) });
}

/** Excel writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}
