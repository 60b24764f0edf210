// Form submissions for the webhook reliability scripts: a seeded plan of distinct people, about one in ten of them
// submitting a second form soon after their first (often while the first is still in flight), posted by a few
// concurrent clients to the local host. A submission that fails (host killed, 5xx) is sent again with the same
// submission id, as a browser retry would, a bounded number of times. Writes one JSON line per submission to
// <acks.jsonl> ({submissionId, leadId, status, attempts, sentAt, answeredAt, ms}) and the number finished to
// <progress> (the crash script reads it to pick its kill points). Bounded in count and time; 127.0.0.1 only.
// Usage: node webhook-load.mjs <hostPort> <count> <seed> <concurrency> <acks.jsonl> <progress> [retries (40)] [ratePerSecond (0 = closed loop)]
import { appendFileSync, writeFileSync } from 'node:fs';

const [hostPort, countArg, seedArg, concurrencyArg, acksPath, progressPath, retriesArg = '40', rateArg = '0'] = process.argv.slice(2);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);
const retries = Number(retriesArg);
const rate = Number(rateArg);
const runTag = `${seedArg}-${Date.now().toString(36)}`;

/** mulberry32: a small seeded generator, so the same seed gives the same plan. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(Number(seedArg));
const forms = ['contact-us', 'pricing', 'demo-request', 'webinar', 'whitepaper'];
const plan = [];
let people = 0;
for (let i = 0; i < count; i++) {
  // A repeat is a person from the last few submissions, so it often races the first one through the host.
  const repeat = i > 0 && random() < 0.1;
  const person = repeat ? plan[Math.max(0, i - 1 - Math.floor(random() * 8))].person : people++;
  plan.push({ person, form: forms[Math.floor(random() * forms.length)], submissionId: `wh-${runTag}-${i}` });
}

const body = (item) => JSON.stringify({
  email: `person-${runTag}-${item.person}@acme-analytics.com`,
  firstName: 'Pat', company: 'Acme Analytics', country: 'US', employees: 300, jobTitle: 'VP Sales',
  submissionId: item.submissionId,
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let finished = 0;

async function submit(item) {
  const sentAt = Date.now();
  let status = 0;
  let leadId = null;
  let attempts = 0;
  for (; attempts < retries; attempts++) {
    if (attempts > 0) await sleep(Math.min(2000, 100 * 2 ** Math.min(attempts, 5)));
    const started = Date.now();
    try {
      const response = await fetch(`http://127.0.0.1:${hostPort}/api/forms/${item.form}/submissions`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: body(item), signal: AbortSignal.timeout(30000),
      });
      status = response.status;
      const text = await response.text();
      if (status === 202) {
        leadId = JSON.parse(text).leadId ?? null;
        const answeredAt = Date.now();
        return { ...item, status, leadId, attempts: attempts + 1, sentAt, answeredAt, ms: answeredAt - started };
      }
      if (status < 500) break; // a 4xx will not change on a retry
    } catch {
      status = 0; // connection refused or reset: the host is down
    }
  }
  return { ...item, status, leadId, attempts, sentAt, answeredAt: Date.now(), ms: null };
}

let next = 0;
const begin = Date.now();
async function client() {
  while (next < plan.length) {
    const i = next++;
    if (rate > 0) {
      const wait = begin + (i * 1000) / rate - Date.now();
      if (wait > 0) await sleep(wait);
    }
    const result = await submit(plan[i]);
    appendFileSync(acksPath, JSON.stringify(result) + '\n');
    writeFileSync(progressPath, String(++finished));
  }
}

writeFileSync(progressPath, '0');
await Promise.all(Array.from({ length: concurrency }, client));
console.log(JSON.stringify({ submissions: plan.length, people, seconds: (Date.now() - begin) / 1000 }));
