// Checks what a webhook receiver got against what the host stored (read straight from Azurite, SharedKeyLite) and,
// when given, what the clients were told. Prints one JSON summary line and exits 1 when a check fails:
// - acknowledged: every 202'd submission's command row is stored, its lead's LeadCreated (sequence 1) and every event
//   of its lead (1..the lead's EventSequence, which covers the events of every stored command) were delivered;
// - stored: every delivered event is of a stored lead, sequence <= that lead's EventSequence, event id
//   "<lead>:<sequence>", caused by a command row that exists, signed, header id == body id, and every copy of one event
//   carries the same content;
// - order: per lead, first deliveries arrive in sequence order (a first delivery never comes after a higher one);
// - duplicates (allowed, at least once) are counted, not failed.
// Usage: node webhook-check.mjs <tablePort> <leadsTable> <deliveries.jsonl> [acks.jsonl|-] [options JSON]
//   options: {"allLeads": true} also requires every stored lead's events delivered (not only acknowledged ones).
import { existsSync, readFileSync } from 'node:fs';
import { readTable } from './azurite-rest.mjs';

const [port, table, deliveriesPath, acksPath = '-', optionsArg = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsArg);
const rows = await readTable(port, table);
const leads = new Map(); // leadId -> { eventSequence, commands: Set }
const lead = (id) => { if (!leads.has(id)) leads.set(id, { eventSequence: null, commands: new Set() }); return leads.get(id); };
let outboxRows = 0;
for (const r of rows) {
  if (r.RowKey.startsWith('lead|')) { const s = JSON.parse(r.State); lead(r.RowKey.slice(5)).eventSequence = s.eventSequence ?? s.EventSequence ?? 0; }
  else if (r.RowKey.startsWith('cmd|')) lead(r.RowKey.split('|')[1]).commands.add(r.CommandId);
  else if (r.RowKey.startsWith('outbox|')) outboxRows++;
}

const lines = (path) => (path !== '-' && existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);
const received = lines(deliveriesPath).filter((d) => d.eventId !== undefined);
const delivered = received.filter((d) => d.status >= 200 && d.status < 300);
const acks = lines(acksPath);
const problems = [];
const problem = (kind, detail) => problems.push({ kind, ...detail });

// What was delivered, per lead, in arrival order (the receiver appends in arrival order).
const firstArrival = new Map(); // eventId -> delivery
const bodies = new Map();
const perLead = new Map();
let duplicates = 0;
for (const d of received) {
  if (!d.signed) problem('unsigned', { eventId: d.eventId });
  if (d.headerEventId !== d.eventId) problem('header id differs from body id', { eventId: d.eventId, header: d.headerEventId });
}
for (const d of delivered) {
  const content = JSON.stringify([d.leadId, d.sequence, d.type, d.commandId]);
  if (bodies.has(d.eventId) && bodies.get(d.eventId) !== content) problem('one event id, two contents', { eventId: d.eventId });
  bodies.set(d.eventId, content);
  if (firstArrival.has(d.eventId)) { duplicates++; continue; }
  firstArrival.set(d.eventId, d);
  if (!perLead.has(d.leadId)) perLead.set(d.leadId, []);
  perLead.get(d.leadId).push(d.sequence);

  const stored = leads.get(d.leadId);
  if (d.eventId !== `${d.leadId}:${d.sequence}`) problem('event id is not lead:sequence', { eventId: d.eventId });
  if (!stored || stored.eventSequence === null) problem('delivered for a lead that is not stored', { eventId: d.eventId });
  else if (d.sequence > stored.eventSequence) problem('delivered beyond the stored event sequence', { eventId: d.eventId, stored: stored.eventSequence });
  else if (!stored.commands.has(d.commandId)) problem('delivered for a command that is not stored', { eventId: d.eventId, commandId: d.commandId });
}

// Order: the n-th first delivery of a lead must be sequence n (1, 2, 3 ... as they arrive).
let outOfOrderLeads = 0;
for (const [leadId, sequences] of perLead) {
  const backward = sequences.findIndex((s, i) => i > 0 && s < sequences[i - 1]);
  if (backward > 0) {
    outOfOrderLeads++;
    if (outOfOrderLeads <= 5) problem('first deliveries out of sequence order', { leadId, arrived: sequences.slice(0, 12) });
  }
}

// Completeness: every event of every acknowledged submission's lead (and, with allLeads, of every stored lead).
const acked = acks.filter((a) => a.status === 202);
const mustDeliver = new Set(acked.map((a) => a.leadId));
if (options.allLeads) for (const [id, l] of leads) if (l.eventSequence !== null) mustDeliver.add(id);
let ackedMissingCommand = 0;
let ackedCommandsWithEvents = 0;
for (const a of acked) {
  const stored = leads.get(a.leadId);
  if (!stored || !stored.commands.has(`sub:${a.submissionId}`)) {
    ackedMissingCommand++;
    if (ackedMissingCommand <= 5) problem('acknowledged submission not stored', { submissionId: a.submissionId, leadId: a.leadId });
  }
  if (delivered.some((d) => d.leadId === a.leadId && d.commandId === `sub:${a.submissionId}`)) ackedCommandsWithEvents++;
}
let missingEvents = 0;
for (const id of mustDeliver) {
  const stored = leads.get(id);
  const last = stored?.eventSequence ?? 1; // an unstored acknowledged lead still owes its LeadCreated
  for (let s = 1; s <= last; s++) {
    if (!firstArrival.has(`${id}:${s}`)) {
      missingEvents++;
      if (missingEvents <= 5) problem('stored event never delivered', { eventId: `${id}:${s}` });
    }
  }
}

const storedEvents = [...leads.values()].reduce((n, l) => n + (l.eventSequence ?? 0), 0);
const arrivals = delivered.map((d) => d.at);
const summary = {
  submissions: acks.length,
  acknowledged: acked.length,
  acknowledgedNotStored: ackedMissingCommand,
  acknowledgedWithOwnEventsDelivered: ackedCommandsWithEvents,
  storedLeads: [...leads.values()].filter((l) => l.eventSequence !== null).length,
  storedEvents,
  outboxRowsLeft: outboxRows,
  requests: received.length,
  refused: received.length - delivered.length,
  delivered: delivered.length,
  distinctEvents: firstArrival.size,
  duplicates,
  missingEvents,
  outOfOrderLeads,
  firstDeliveryAt: arrivals.length ? Math.min(...arrivals) : null,
  lastDeliveryAt: arrivals.length ? Math.max(...arrivals) : null,
  problems: problems.length,
};
console.log(JSON.stringify(summary));
for (const p of problems.slice(0, 15)) console.error(JSON.stringify(p));
process.exit(problems.length === 0 ? 0 : 1);
