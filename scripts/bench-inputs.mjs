// Parts of `npm run bench` that time the inputs at their limits rather than the everyday ones:
// the published PDFs of fixtures/pdf/ (--pdf) and the largest inputs accepted (--limits). Each
// takes `timed` (one run of the built command line: wall and CPU ms, peak memory in MB) and a
// scratch directory, and returns the lines of its report.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const fmt = (x, d = 0) => x.toFixed(d);

function quantile(sorted, q) {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

const MIB = 1024 * 1024;

/** A 表三 of 9,990 rows (under the 10,000-row limit) whose names are long enough to make `bytes`. */
function bigCsv(FIXTURES, bytes) {
  const head = readFileSync(join(FIXTURES[0], 't3-部门支出总体情况表.csv'), 'utf8').split('\n').slice(0, 6).join('\n') + '\n';
  const rows = 9_990;
  const pad = Math.max(1, Math.floor((bytes - head.length) / rows / 3) - 12); // CJK: 3 bytes a character
  const out = [head];
  for (let i = 0; i < rows; i++) out.push(`${200 + (i % 800)},,,${'支'.repeat(pad)}${i},1.00,1.00,\n`);
  return out.join('');
}

/** A 情况说明 of `bytes`: the Kashgar text repeated while its figures stay under the limit (50,000),
 *  then prose without figures, in lines of a few hundred characters (under 200,000 lines). */
function bigText(FIXTURES, bytes) {
  const text = readFileSync(join(FIXTURES[0], '情况说明.txt'), 'utf8');
  const figures = (text.match(/\d+/g) ?? []).length;
  const copies = Math.max(1, Math.floor(40_000 / figures));
  const out = [];
  let size = 0;
  for (let i = 0; i < copies && size < bytes / 2; i++) {
    out.push(text);
    size += Buffer.byteLength(text);
  }
  const line = '为贯彻落实部门预算公开要求，本部门严格执行预算管理规定，加强资金使用管理，提高财政资金使用效益。'.repeat(10) + '\n';
  const n = Math.floor((bytes - size) / Buffer.byteLength(line));
  out.push(line.repeat(n));
  return out.join('');
}

/** A workbook of the Kashgar 表八 whose sheet inflates to `bytes` (white space between the rows). */
async function bigXlsx(FIXTURES, bytes) {
  const { deflateRawSync } = await import('node:zlib');
  const { writeZipEntries } = zipWriter(deflateRawSync);
  const t8 = readFileSync(join(FIXTURES[0], 't8-一般公共预算三公经费支出情况表.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (j) => String.fromCharCode(65 + j);
  const rowsXml = t8.map((cells, i) => `<row r="${i + 1}">${cells.map((c, j) => (c === '' ? '' : /^[\d.]+$/.test(c) ? `<c r="${col(j)}${i + 1}"><v>${c}</v></c>` : `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(c)}</t></is></c>`)).join('')}</row>`).join('');
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const sheet = head + rowsXml + ' '.repeat(Math.max(0, bytes - head.length - rowsXml.length - tail.length - 4096)) + tail;
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return writeZipEntries([
    ['[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ['_rels/.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="表八" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`],
    ['xl/worksheets/sheet1.xml', sheet],
  ]);
}

/** A minimal zip writer (deflated entries, no data descriptors). */
function zipWriter(deflateRawSync) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b) => {
    let c = 0xffffffff;
    for (let i = 0; i < b.length; i++) c = table[(c ^ b[i]) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  return {
    writeZipEntries(entries) {
      const chunks = [];
      const central = [];
      let offset = 0;
      for (const [n, text] of entries) {
        const name = Buffer.from(n);
        const data = Buffer.from(text);
        const body = deflateRawSync(data);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(8, 8);
        local.writeUInt32LE(crc32(data), 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(data.length, 22);
        local.writeUInt16LE(name.length, 26);
        const cd = Buffer.alloc(46);
        cd.writeUInt32LE(0x02014b50, 0);
        cd.writeUInt16LE(20, 4);
        cd.writeUInt16LE(20, 6);
        cd.writeUInt16LE(8, 10);
        cd.writeUInt32LE(crc32(data), 16);
        cd.writeUInt32LE(body.length, 20);
        cd.writeUInt32LE(data.length, 24);
        cd.writeUInt16LE(name.length, 28);
        cd.writeUInt32LE(offset, 42);
        chunks.push(local, name, body);
        central.push(cd, name);
        offset += 30 + name.length + body.length;
      }
      const cdBuf = Buffer.concat(central);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(cdBuf.length, 12);
      end.writeUInt32LE(offset, 16);
      return Buffer.concat([...chunks, cdBuf, end]);
    },
  };
}

/** (e): each kind at half and at full size; returns the report's lines. */
export async function limitsSection(ROOT, FIXTURES, timed, tmp) {
  const dir = join(tmp, 'limits');
  mkdirSync(dir);
  const kinds = [
    ['20 MiB CSV table (表三, 9,990 rows)', 'csv', (b) => bigCsv(FIXTURES, b), 20 * MIB - 1024],
    ['20 MiB 情况说明 text', 'txt', (b) => bigText(FIXTURES, b), 20 * MIB - 1024],
    ['workbook inflating to 128 MiB', 'xlsx', (b) => bigXlsx(FIXTURES, b), 128 * MIB - 64 * 1024],
  ];
  const out = ['(e) the largest inputs accepted, at half and at full size (one run each, --jobs 1)', '    input                                   size        wall (s)   CPU (s)   peak memory (MB)'];
  for (const [what, ext, make, full] of kinds) {
    for (const size of [Math.floor(full / 2), full]) {
      const file = join(dir, `input-${size}.${ext}`);
      writeFileSync(file, await make(size));
      const t = timed(['check', file, '--jobs', '1', '-q', '-f', 'json']);
      const label = ext === 'xlsx' ? `${fmt(size / MIB, 1)} MiB inflated` : `${fmt(statSync(file).size / MIB, 1)} MiB`;
      out.push(`    ${what.padEnd(40)}${label.padStart(18)}   ${fmt(t.wall / 1000, 2).padStart(8)}   ${fmt(t.cpu / 1000, 2).padStart(7)}   ${fmt(t.rss).padStart(16)}`);
      rmSync(file);
    }
  }
  return out;
}

/** (c) each PDF: checked by the command line (start-up included), and read in this process. */
async function pdfRows(ROOT, PDFS, RUNS, timed) {
  const { readPdf } = await import(pathToFileURL(join(ROOT, 'dist/load/pdf/index.js')).href);
  const out = [];
  for (const pdf of PDFS) {
    let pages = 0;
    const warm = [];
    for (let i = 0; i < Math.min(RUNS, 3) + 1; i++) {
      const t0 = process.hrtime.bigint();
      pages = (await readPdf(pdf, pdf)).pages;
      if (i > 0) warm.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first run warms pdfjs
    }
    const cli = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) cli.push(timed(['check', pdf, '-q', '--jobs', '1']));
    out.push({ name: pdf.slice(pdf.lastIndexOf('/') + 1), pages, warm: quantile(warm.sort((a, b) => a - b), 0.5), wall: quantile(cli.map((c) => c.wall).sort((a, b) => a - b), 0.5), cpu: quantile(cli.map((c) => c.cpu).sort((a, b) => a - b), 0.5), rss: Math.max(...cli.map((c) => c.rss)) });
  }
  return out;
}


/** (c) the published PDFs: checked by the command line (start-up included), and read in this process. */
export async function pdfSection(ROOT, RUNS, timed) {
  const PDFS = readdirSync(join(ROOT, 'fixtures/pdf')).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(ROOT, 'fixtures/pdf', f));
  const out = [];
  const pdfs = await pdfRows(ROOT, PDFS, RUNS, timed);
  out.push(`published PDFs (fixtures/pdf), median of ${Math.min(RUNS, 3)} runs: check with start-up, and the reader alone in a warm process`);
  out.push('    file                                  pages   check wall (s)   CPU (s)   pages/s (wall)   peak memory (MB)   reader alone (s)   pages/s');
  for (const r of pdfs) {
    out.push(
      `    ${r.name.padEnd(36)} ${String(r.pages).padStart(6)}   ${fmt(r.wall / 1000, 2).padStart(14)}   ${fmt(r.cpu / 1000, 2).padStart(7)}   ${fmt((r.pages / r.wall) * 1000, 1).padStart(14)}   ${fmt(r.rss).padStart(16)}   ${fmt(r.warm / 1000, 2).padStart(16)}   ${fmt((r.pages / r.warm) * 1000, 1).padStart(7)}`,
    );
  }
  return out;
}
