// Rows of a large coded table (表三 / 表五): classes of ten 款 of twenty 项 each, every sum right, in whole
// classes (at least `n` rows). Shared by the bench (scripts/bench.mjs) and the growth test
// (tests/limits-tables.test.ts), so that both time the same tables.
/** CSV lines `类,款,项,名称,合计,基本支出,项目支出` for at least `n` rows. */
export function codedRows(n) {
  const lines = [];
  for (let c = 0; lines.length < n; c++) {
    const cc = String(100 + c);
    lines.push(`${cc},,,类${cc},2100.00,2100.00,`);
    for (let k = 10; k < 20; k++) {
      lines.push(`${cc},${k},,款${cc}${k},210.00,210.00,`);
      for (let x = 10; x < 30; x++) lines.push(`${cc},${k},${x},项${cc}${k}${x},10.50,10.50,`);
    }
  }
  return lines;
}
