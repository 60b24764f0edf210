// Reading Azurite over its REST API from the reliability scripts, signed SharedKeyLite with the emulator's well-known
// development account (the key tests/LeadFunctions.TestSupport/AzuriteServer.cs holds and its tests check).
import crypto from 'node:crypto';

export const account = 'devstoreaccount1';
const key = Buffer.from('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==', 'base64');

/** The SharedKeyLite signature of a string-to-sign. */
export const sign = (text) => crypto.createHmac('sha256', key).update(text).digest('base64');

async function page(port, table, next) {
  const date = new Date().toUTCString();
  const sig = sign(`${date}\n/${account}/${account}/${table}()`);
  const qs = next ? `?NextPartitionKey=${encodeURIComponent(next.pk)}&NextRowKey=${encodeURIComponent(next.rk)}` : '';
  const res = await fetch(`http://127.0.0.1:${port}/${account}/${table}()${qs}`, {
    headers: { 'x-ms-date': date, 'x-ms-version': '2019-02-02', Accept: 'application/json;odata=nometadata', Authorization: `SharedKeyLite ${account}:${sig}` },
    signal: AbortSignal.timeout(30000),
  });
  if (res.status === 404) return { rows: [], next: null };
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  const pk = res.headers.get('x-ms-continuation-nextpartitionkey');
  return { rows: (await res.json()).value, next: pk ? { pk, rk: res.headers.get('x-ms-continuation-nextrowkey') } : null };
}

/** Every row of a table (none when it does not exist), at most 100,000 pages. */
export async function readTable(port, table) {
  const rows = [];
  for (let next, i = 0; i < 100000; i++) {
    const p = await page(port, table, next); rows.push(...p.rows); next = p.next; if (!next) break;
  }
  return rows;
}
