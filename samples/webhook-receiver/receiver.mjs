// A webhook receiver for LeadFunctions lead events, with no dependencies: it verifies X-LeadFunctions-Signature
// (t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">) with the subscriber's secret, refuses timestamps more
// than five minutes from its own clock (a captured request cannot be replayed later), and answers 204 to what it
// accepts. Copy it into your own service, or run it as is:
//   WEBHOOK_SECRET=... PORT=8085 node samples/webhook-receiver/receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET;
const port = Number(process.env.PORT ?? 8085);
const toleranceSeconds = 5 * 60;
const maxBodyBytes = 1024 * 1024;

if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret configured for this subscriber (LeadEvents:Webhooks:N:Secret).');
  process.exit(2);
}

/** True when the header holds a v1 MAC of this exact body at a timestamp close enough to now. */
export function verify(rawBody, header, key, nowSeconds = Math.floor(Date.now() / 1000)) {
  const parts = String(header ?? '').split(',').map((p) => p.trim());
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  if (!t || !/^\d+$/.test(t) || Math.abs(nowSeconds - Number(t)) > toleranceSeconds) {
    return false;
  }

  const expected = Buffer.from(createHmac('sha256', key).update(`${t}.`).update(rawBody).digest('hex'));
  return parts
    .filter((p) => p.startsWith('v1='))
    .map((p) => Buffer.from(p.slice(3)))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}

const server = createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(405, { Allow: 'POST' }).end();
    return;
  }

  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > maxBodyBytes) {
      response.writeHead(413).end();
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    if (response.writableEnded) {
      return;
    }
    // Verify the bytes as received: re-serialising parsed JSON would change them and break the MAC.
    const raw = Buffer.concat(chunks);
    if (!verify(raw, request.headers['x-leadfunctions-signature'], secret)) {
      response.writeHead(401).end();
      return;
    }

    const event = JSON.parse(raw.toString('utf8'));
    // Lead ids and event types only: the body may carry personal data for subscribers configured to receive it.
    console.log(`accepted ${request.headers['x-leadfunctions-event-id']} ${event.type ?? ''} ${event.leadId ?? ''}`);
    response.writeHead(204).end();
  });
});

server.listen(port, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
