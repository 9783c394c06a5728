// Small PDFs written byte by byte for the tests of bad input: pages with a content stream (text in
// Helvetica, rules), an /Encrypt dictionary whose password is not empty, many pages.

export interface PageSpec {
  /** the page's content stream (PDF operators) */
  content: string;
}

export interface PdfSpec {
  pages: PageSpec[];
  /** an /Encrypt dictionary that no empty password opens */
  encrypted?: boolean;
  width?: number;
  height?: number;
}

/** A whole PDF file: header, objects, cross-reference table, trailer, %%EOF. */
export function buildPdf(spec: PdfSpec): Buffer {
  const w = spec.width ?? 595;
  const h = spec.height ?? 842;
  const objects: string[] = [];
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const p of spec.pages) {
    const stream = add(`<< /Length ${Buffer.byteLength(p.content, 'latin1')} >>\nstream\n${p.content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let encrypt = '';
  if (spec.encrypted) {
    const hex32 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const e = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -44 >>`);
    encrypt = ` /Encrypt ${e} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`;
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A page of text lines (ASCII, Helvetica 10) from the top, and optionally a ruled grid of figures. */
export function textPage(lines: string[], grid?: { rows: number; cols: number }): PageSpec {
  let c = 'BT /F1 10 Tf\n';
  lines.forEach((l, i) => {
    c += `1 0 0 1 60 ${780 - i * 14} Tm (${l.replace(/[()\\]/g, '\\$&')}) Tj\n`;
  });
  c += 'ET\n';
  if (grid) {
    const top = 780 - lines.length * 14 - 20;
    const cw = 80;
    const rh = 16;
    c += '0.5 w\n';
    for (let r = 0; r <= grid.rows; r++) c += `60 ${top - r * rh} m ${60 + grid.cols * cw} ${top - r * rh} l S\n`;
    for (let k = 0; k <= grid.cols; k++) c += `${60 + k * cw} ${top} m ${60 + k * cw} ${top - grid.rows * rh} l S\n`;
    c += 'BT /F1 9 Tf\n';
    for (let r = 0; r < grid.rows; r++) {
      for (let k = 0; k < grid.cols; k++) c += `1 0 0 1 ${64 + k * cw} ${top - r * rh - 12} Tm (${(r * grid.cols + k + 0.25).toFixed(2)}) Tj\n`;
    }
    c += 'ET\n';
  }
  return { content: c };
}
