// Just enough XML for the parts of a workbook: a flat scan of start tags, end tags and text,
// namespace prefixes dropped. Workbook parts are machine-written, so no DTDs are honoured
// (entities other than the five predefined and numeric ones stay as written).
//
// The scan is hand-written and linear in the document whatever it holds: a tag is read from its
// "<" at most up to the next "<" (names and attribute values never contain one), and the ends of
// comments, CDATA sections and declarations are searched for once per position, not once per
// "<" (a run of "<" or of unclosed "<!--" costs no more than its length). What is not a tag is text.

export type XmlEvent =
  | { type: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string };

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
    return Object.hasOwn(ENTITIES, e) ? ENTITIES[e]! : m;
  });
}

const SPACE = /\s/;

/** White space as the regular expression \s sees it. */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}

/** indexOf that remembers its last answer, so that searching again from a later position
 *  before that answer (or after a miss) costs nothing: the searches of a scan stay linear. */
function finder(xml: string, needle: string): (from: number) => number {
  let from = Infinity;
  let at = -1;
  return (pos) => {
    if (pos >= from && (at < 0 || at >= pos)) return at;
    from = pos;
    at = xml.indexOf(needle, pos);
    return at;
  };
}

interface Tag {
  end: number;
  events: XmlEvent[];
}

const NONE: XmlEvent[] = [];

/** End of a run of name characters from i: anything but white space, "/", ">", "<", and `stop`. */
function nameEnd(xml: string, i: number, stop: number): number {
  const n = xml.length;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c === 47 || c === 62 || c === 60 || c === stop || isSpace(c)) break;
    i++;
  }
  return i;
}

function skipSpace(xml: string, i: number): number {
  while (i < xml.length && isSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** A start tag at p ("<" already seen), or undefined. */
function startTag(xml: string, p: number): Tag | undefined {
  const nameStop = nameEnd(xml, p + 1, -1);
  if (nameStop === p + 1) return undefined;
  const name = local(xml.slice(p + 1, nameStop));
  const attrs: Record<string, string> = {};
  let i = nameStop;
  for (;;) {
    const j = skipSpace(xml, i);
    const c = xml.charCodeAt(j);
    if (c === 62 || (c === 47 && xml.charCodeAt(j + 1) === 62)) {
      const selfClosing = c === 47;
      const events: XmlEvent[] = [{ type: 'open', name, attrs, selfClosing }];
      if (selfClosing) events.push({ type: 'close', name });
      return { end: j + (selfClosing ? 2 : 1), events };
    }
    if (j === i) return undefined; // an attribute needs white space before it
    const keyEnd = nameEnd(xml, j, 61); // "="
    if (keyEnd === j) return undefined;
    let k = skipSpace(xml, keyEnd);
    if (xml.charCodeAt(k) !== 61) return undefined;
    k = skipSpace(xml, k + 1);
    const q = xml.charCodeAt(k);
    if (q !== 34 && q !== 39) return undefined;
    let v = k + 1;
    while (v < xml.length && xml.charCodeAt(v) !== q) {
      if (xml.charCodeAt(v) === 60) return undefined; // "<" is never in a well-formed value
      v++;
    }
    if (v >= xml.length) return undefined;
    attrs[local(xml.slice(j, keyEnd))] = unescapeXml(xml.slice(k + 1, v));
    i = v + 1;
  }
}

/** An end tag at p ("</" already seen), or undefined. */
function endTag(xml: string, p: number): Tag | undefined {
  const start = skipSpace(xml, p + 2);
  const stop = nameEnd(xml, start, -1);
  if (stop === start) return undefined;
  const j = skipSpace(xml, stop);
  if (xml.charCodeAt(j) !== 62) return undefined;
  return { end: j + 1, events: [{ type: 'close', name: local(xml.slice(start, stop)) }] };
}

/** Calls `on` for every tag and text run of the document, in order. */
export function scanXml(xml: string, on: (e: XmlEvent) => void): void {
  const gt = finder(xml, '>');
  const commentEnd = finder(xml, '-->');
  const cdataEnd = finder(xml, ']]>');
  let last = 0;
  for (let p = xml.indexOf('<'); p >= 0; ) {
    let tag: Tag | undefined;
    const c = xml.charCodeAt(p + 1);
    if (c === 33 || c === 63) {
      // "<!" and "<?": a CDATA section, a comment, or a declaration up to the next ">"
      if (xml.startsWith('<![CDATA[', p)) {
        const e = cdataEnd(p + 9);
        if (e >= 0) tag = { end: e + 3, events: [{ type: 'text', text: xml.slice(p + 9, e) }] };
      } else if (xml.startsWith('<!--', p)) {
        const e = commentEnd(p + 4);
        if (e >= 0) tag = { end: e + 3, events: NONE };
      }
      if (!tag) {
        const e = gt(p + 2);
        if (e >= 0) tag = { end: e + 1, events: NONE };
      }
    } else if (c === 47) {
      tag = endTag(xml, p);
    } else {
      tag = startTag(xml, p);
    }
    if (!tag) {
      p = xml.indexOf('<', p + 1);
      continue;
    }
    if (p > last) on({ type: 'text', text: unescapeXml(xml.slice(last, p)) });
    for (const e of tag.events) on(e);
    last = tag.end;
    p = xml.indexOf('<', last);
  }
  if (last < xml.length) on({ type: 'text', text: unescapeXml(xml.slice(last)) });
}

/** Excel writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeOoxml(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}
