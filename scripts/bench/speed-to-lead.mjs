// Speed-to-lead (issue 15, item 4): the whole path a buyer's raised hand takes, timed end to end. Posts pricing forms
// from distinct good-fit people at a fixed rate to the local host, and runs the webhook receiver the host is configured
// to call: the clock stops when the receiver gets the lead's OwnerAssigned event, signed (so the lead was stored, routed
// to a rep, published by the outbox relay and delivered). Prints one Markdown row per rate, with the time the host took to
// answer the post (202) beside it, so a backlog in intake is told apart from one in delivery. A warm-up of 60 posts at
// 20/s goes first and is not reported. 127.0.0.1 only, bounded.
// Usage (scripts/bench/speed-to-lead.sh starts the host): node speed-to-lead.mjs <hostPort> <receiverPort> <secret> <rates> <seconds>
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const [hostPort, receiverPort, secret, ratesArg, secondsArg] = process.argv.slice(2);
const rates = ratesArg.split(',').map(Number);
const seconds = Number(secondsArg);
const drainSeconds = 30;
const sentAt = new Map();
const arrivedAt = new Map();
const answeredIn = [];
let badSignatures = 0;

/** The same check as samples/webhook-receiver: a v1 MAC of "<t>.<raw body>" keyed by the secret. */
function signed(raw, header) {
  const parts = String(header ?? '').split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.`).update(raw).digest('hex'));
  return parts.filter((p) => p.startsWith('v1=')).map((p) => Buffer.from(p.slice(3)))
    .some((c) => c.length === expected.length && timingSafeEqual(c, expected));
}

const receiver = createServer((request, response) => {
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (!signed(raw, request.headers['x-leadfunctions-signature'])) {
      badSignatures++;
      response.writeHead(401).end();
      return;
    }
    const event = JSON.parse(raw.toString('utf8'));
    if (event.type === 'OwnerAssigned' && !arrivedAt.has(event.leadId)) {
      arrivedAt.set(event.leadId, performance.now());
    }
    response.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(Number(receiverPort), '127.0.0.1', resolve));

const percentile = (sorted, q) => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function post(rate, i) {
  const body = JSON.stringify({ email: `stl-${rate}-${i}-${process.pid}@acme-analytics.com`, company: 'Acme', country: 'US', employees: 300, jobTitle: 'VP Sales' });
  const started = performance.now();
  try {
    const response = await fetch(`http://127.0.0.1:${hostPort}/api/forms/pricing/submissions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await response.json();
    answeredIn.push(performance.now() - started);
    if (response.status === 202) {
      sentAt.set(answer.leadId, started);
      return true;
    }
  } catch {
    // counted as refused below
  }
  return false;
}

console.log('| offered rate (/s) | submissions | accepted | achieved rate (/s) | delivered | p50 (ms) | p99 (ms) | max (ms) | answer p50 (ms) | answer p99 (ms) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
/** Offers `rate` posts a second for `seconds`, then waits (at most drainSeconds) for their webhooks; returns the row's figures. */
async function offer(rate, seconds, label) {
  sentAt.clear();
  answeredIn.length = 0;
  const total = rate * seconds;
  const begin = performance.now();
  const posts = [];
  for (let i = 0; i < total; i++) {
    // Paced by the clock, not by answers: a slow answer must not lower the offered rate.
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    posts.push(post(label, i));
  }
  const accepted = (await Promise.all(posts)).filter(Boolean).length;
  const sendSeconds = (performance.now() - begin) / 1000;
  const deadline = performance.now() + drainSeconds * 1000;
  while (performance.now() < deadline && [...sentAt.keys()].some((id) => !arrivedAt.has(id))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const latencies = [...sentAt].filter(([id]) => arrivedAt.has(id)).map(([id, t0]) => arrivedAt.get(id) - t0).sort((a, b) => a - b);
  const answered = [...answeredIn].sort((a, b) => a - b);
  const f = (x) => (Number.isNaN(x) ? '-' : x.toFixed(0));
  return `| ${rate} | ${total} | ${accepted} | ${(total / sendSeconds).toFixed(0)} | ${latencies.length} | ${f(percentile(latencies, 0.5))} | ${f(percentile(latencies, 0.99))} | ${f(latencies.at(-1) ?? NaN)} | ${f(percentile(answered, 0.5))} | ${f(percentile(answered, 0.99))} |`;
}

// A warm-up not reported: a host's first requests pay for compiling its code paths and opening connections, which a
// running service paid long ago (without it, the first second's posts were most of the p99 at 50/s).
await offer(20, 3, 'warmup');
for (const rate of rates) {
  console.log(await offer(rate, seconds, rate));
}
console.log(`\nbad signatures: ${badSignatures}`);
receiver.close();
