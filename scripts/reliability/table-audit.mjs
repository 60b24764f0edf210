// Reads every row of a table in Azurite (SharedKeyLite) and checks each lead partition:
// lead row Version == number of cmd| rows, Sequence 1..Version without gaps. Prints JSON:
// { leads, commandRows, inconsistent: [...], commandIds: [...], byType: {...}, perLeadTypeCounts: {...} }
import { readTable } from './azurite-rest.mjs';
const [port, table, typeToCount] = process.argv.slice(2);
const rows = await readTable(port, table);
// Rows are grouped by lead id: RowKey "lead|<id>" (the lead) and "cmd|<id>|<command>" (audit); "due|..." rows are skipped.
// (Older layout: PartitionKey = lead id, RowKey "lead" / "cmd|<command>"; both are understood.)
const leadOf = r => r.RowKey.startsWith('lead|') ? r.RowKey.slice(5)
  : r.RowKey.startsWith('cmd|') && r.RowKey.split('|').length >= 3 && r.RowKey.split('|')[1].startsWith('ld-') ? r.RowKey.split('|')[1]
  : r.RowKey === 'lead' || r.RowKey.startsWith('cmd|') ? r.PartitionKey : null;
const isLead = r => r.RowKey === 'lead' || r.RowKey.startsWith('lead|');
const parts = new Map();
for (const r of rows) { const id = leadOf(r); if (!id) continue; if (!parts.has(id)) parts.set(id, []); parts.get(id).push(r); }
const out = { leads: 0, commandRows: 0, inconsistent: [], commandIds: [], typeCountPerLead: {}, statuses: {} };
for (const [pk, list] of parts) {
  const lead = list.find(isLead);
  const cmds = list.filter(r => r.RowKey.startsWith('cmd|'));
  out.commandRows += cmds.length;
  out.commandIds.push(...cmds.map(c => c.CommandId));
  if (!lead) { out.inconsistent.push({ pk, problem: 'command rows without a lead row', cmds: cmds.length }); continue; }
  out.leads++;
  out.statuses[lead.Status] = (out.statuses[lead.Status] || 0) + 1;
  const seq = cmds.map(c => Number(c.Sequence)).sort((a, b) => a - b);
  const gapless = seq.every((s, i) => s === i + 1);
  if (Number(lead.Version) !== cmds.length || !gapless) out.inconsistent.push({ pk, version: lead.Version, cmds: cmds.length, seq });
  if (typeToCount) {
    const n = cmds.filter(c => c.Type === typeToCount).length;
    out.typeCountPerLead[n] = (out.typeCountPerLead[n] || 0) + 1;
  }
}
console.log(JSON.stringify(out));
