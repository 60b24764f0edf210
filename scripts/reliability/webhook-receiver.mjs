// A local webhook receiver for the reliability scripts: verifies each POST's signature (the same check as
// samples/webhook-receiver) and appends one JSON line per request to a file, flushed before it answers, so a record
// survives anything that happens to the host. It runs until SIGTERM (or its time limit), 127.0.0.1 only.
// Usage: node webhook-receiver.mjs <port> <secret> <log.jsonl> <mode> [limitSeconds]
//   mode ok           answer 204 to every signed request
//   mode outage:<s>   answer 500 for <s> seconds from the first request, then 204 ("recovered" line written once)
//   mode hang         never answer; the line is written when the sender gives up (closes the connection)
// Line: {at, status, eventId, headerEventId, leadId, sequence, type, commandId, signed} (at: ms since the epoch);
// hang lines: {at, openedAt, heldMs, hang: true, eventId, ...}.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [portArg, secret, logPath, mode = 'ok', limitArg = '1800'] = process.argv.slice(2);
const outageMs = mode.startsWith('outage:') ? Number(mode.slice(7)) * 1000 : 0;
let firstAt = null;
let recoveredWritten = false;
const write = (line) => appendFileSync(logPath, JSON.stringify(line) + '\n');

function signed(raw, header) {
  const parts = String(header ?? '').split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  if (!t) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.`).update(raw).digest('hex'));
  return parts.filter((p) => p.startsWith('v1=')).map((p) => Buffer.from(p.slice(3)))
    .some((c) => c.length === expected.length && timingSafeEqual(c, expected));
}

function describe(raw, request) {
  let event = {};
  try { event = JSON.parse(raw.toString('utf8')); } catch { /* recorded as unreadable below */ }
  return {
    eventId: event.eventId ?? null,
    headerEventId: request.headers['x-leadfunctions-event-id'] ?? null,
    leadId: event.leadId ?? null,
    sequence: event.sequence ?? null,
    type: event.type ?? null,
    commandId: event.commandId ?? null,
    signed: signed(raw, request.headers['x-leadfunctions-signature']),
  };
}

const server = createServer((request, response) => {
  const chunks = [];
  const openedAt = Date.now();
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    const raw = Buffer.concat(chunks);
    const seen = describe(raw, request);
    if (mode === 'hang') {
      // Never answered: the sender's timeout is what ends it, and that moment is what this line records.
      response.on('close', () => write({ at: Date.now(), openedAt, heldMs: Date.now() - openedAt, hang: true, ...seen }));
      return;
    }
    const now = Date.now();
    firstAt ??= now;
    let status = seen.signed ? 204 : 401;
    if (status === 204 && now - firstAt < outageMs) status = 500;
    if (outageMs > 0 && status === 204 && !recoveredWritten) {
      recoveredWritten = true;
      write({ recovered: firstAt + outageMs, firstAt });
    }
    write({ at: now, status, ...seen });
    response.writeHead(status).end();
  });
});
server.keepAliveTimeout = 5000;
server.listen(Number(portArg), '127.0.0.1');
if (outageMs > 0) write({ outageMs });
const stop = () => { server.closeAllConnections?.(); server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(stop, Number(limitArg) * 1000).unref();
