// Prints a storage queue's approximate message count in Azurite (visible and invisible messages alike: a message a
// killed host had received stays in the count until its visibility timeout ends and it is handled). 0 for no queue.
// Usage: node queue-depth.mjs <queuePort> <queueName>
import { account, sign } from './azurite-rest.mjs';

const [port, queue] = process.argv.slice(2);
const date = new Date().toUTCString();
const headers = `x-ms-date:${date}\nx-ms-version:2019-02-02\n`;
const sig = sign(`GET\n\n\n\n${headers}/${account}/${account}/${queue}?comp=metadata`);
const res = await fetch(`http://127.0.0.1:${port}/${account}/${queue}?comp=metadata`, {
  headers: { 'x-ms-date': date, 'x-ms-version': '2019-02-02', Authorization: `SharedKeyLite ${account}:${sig}` },
  signal: AbortSignal.timeout(10000),
});
if (res.status === 404) console.log(0);
else if (!res.ok) { console.error(`${res.status} ${await res.text()}`); process.exit(1); }
else console.log(Number(res.headers.get('x-ms-approximate-messages-count')));
