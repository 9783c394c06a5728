// The HTML report: one self-contained file that draws the tables and the text as published, with
// the findings' cells marked; everything from the inputs escaped. The browser part drives a real
// Chromium (Debian's `chromium`; CHROMIUM_PATH names another) through playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from './helpers.js';
import { tempDir } from './input-support.js';

function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      // not on the PATH
    }
  }
  return undefined;
}

const HOSTILE = '<script>window.pwned=1</script>"onerror="window.pwned=2"</style>\u202Eevil';

async function report(...args: string[]): Promise<string> {
  const out = join(tempDir(), 'report.html');
  const r = await runMain('check', ...args, '-f', 'html', '-o', out, '--no-config');
  expect(r.err).toBe('');
  return out;
}

describe('the HTML report as a file', () => {
  it('is one self-contained file under 500 KB for the reference disclosure, tables and text drawn', async () => {
    const file = await report('fixtures/kashgar-2022');
    const html = readFileSync(file, 'utf8');
    expect(html.length).toBeLessThan(500 * 1024);
    expect(html).not.toMatch(/<(link|img|iframe)\b|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    // every table, and the text with its checked figures underlined
    expect(html.match(/<section class="tbl"/g)).toHaveLength(9);
    expect(html).toContain('<mark id="d0-f9-1970-26" class="sev-warning"');
  });

  it('escapes everything from the inputs: cells, file and sheet names, the text', async () => {
    const dir = join(tempDir(), `d${HOSTILE.replace(/[/<>"]/g, '_')}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 't8.csv'), `表八\n一般公共预算“三公”经费支出情况表\n单位：万元\n合计,因公出国（境）费,公务用车购置及运行费,公务接待费\n"${HOSTILE.replace(/"/g, '""')}",1.00,2.00,3.00\n`);
    writeFileSync(join(dir, 'notes.txt'), `${HOSTILE}\n三公经费 5.00 万元，其中：公务接待费 3.00 万元。\n`);
    const html = readFileSync(await report(dir), 'utf8');
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('"onerror="');
    expect(html).not.toContain('</style>"');
    expect(html).not.toContain('\u202E');
    expect(html).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(html).toContain('\\u202e');
  });
});

describe('the HTML report of a batch, in English', () => {
  it('holds one section per disclosure, a selector naming each with its count of findings, and English words', async () => {
    const html = readFileSync(await report('fixtures/kashgar-2022', 'fixtures/real/putuo-planning-2024-final/flat', '--lang', 'en'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<section class="disclosure"/g)).toHaveLength(2);
    const options = [...html.matchAll(/<option value="(\d)">([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(options).toHaveLength(2);
    expect(options[0]![1]).toMatch(/^fixtures\/kashgar-2022 \(\d+\)$/);
    expect(options[1]![1]).toMatch(/^fixtures\/real\/putuo-planning-2024-final\/flat \(11\)$/);
    // our own words in English; the tables and the text keep the document's
    expect(html).toContain('<title>budgetlint report</title>');
    expect(html).toMatch(/<label class="pick">Disclosure <select/);
    expect(html).toMatch(/<p class="counts">\d+ errors · \d+ warnings · \d+ /);
    expect(html).not.toContain('检查报告');
  });
});

const chromium = findChromium();
if (!chromium) {
  // eslint-disable-next-line no-console
  console.warn('tests/html-report.test.ts: no Chromium found (install Debian\'s `chromium`, or set CHROMIUM_PATH); the browser tests are skipped');
}

describe.skipIf(!chromium)('the HTML report in a browser', () => {
  type Browser = import('playwright-core').Browser;
  let browser: Browser;
  beforeAll(async () => {
    const { chromium: driver } = await import('playwright-core');
    browser = await driver.launch({
      executablePath: chromium!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, viewport = { width: 1400, height: 900 }) {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request ${r.url()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`file://${file}`);
    return { page, problems };
  }

  it('outlines a finding\'s cell and its inputs when the finding is clicked, with no console error and no request', async () => {
    const { page, problems } = await open(await report('fixtures/kashgar-2022'));
    const first = page.locator('button.finding').filter({ hasText: 'project-agreement' }).first();
    await first.click();
    await expect.poll(() => page.locator('.outline').count()).toBe(1);
    expect(await page.locator('.outline').getAttribute('id')).toBe('d0-f4-15-26');
    expect(await page.locator('.input').count()).toBe(3);
    await page.screenshot({ path: join(tempDir(), 'report.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters the findings by severity, rule and table', async () => {
    const { page } = await open(await report('fixtures/kashgar-2022'));
    const visible = () => page.locator('.list li:not([hidden])').count();
    const all = await visible();
    await page.locator('input[data-sev="info"]').uncheck();
    const noInfo = await visible();
    expect(noInfo).toBeLessThan(all);
    await page.locator('select[data-filter="rule"]').selectOption('row-total');
    expect(await visible()).toBe(2);
    await page.close();
  });

  it('is usable from the keyboard, and at 200 % zoom', async () => {
    const { page, problems } = await open(await report('fixtures/kashgar-2022'), { width: 700, height: 900 });
    await page.evaluate(() => {
      (document.body.style as unknown as { zoom: string }).zoom = '2';
    });
    await page.locator('button.finding').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.outline').count()).toBe(1);
    // nothing is cut off sideways: the page scrolls only where a table does
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs nothing that came from the inputs', async () => {
    const dir = join(tempDir(), 'hostile');
    mkdirSync(dir);
    writeFileSync(join(dir, 't8.csv'), `表八\n一般公共预算“三公”经费支出情况表\n单位：万元\n合计,因公出国（境）费,公务用车购置及运行费,公务接待费\n"${HOSTILE.replace(/"/g, '""')}",1.00,2.00,4.00\n`);
    const { page, problems } = await open(await report(dir));
    await page.locator('button.finding').first().click();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });
});
