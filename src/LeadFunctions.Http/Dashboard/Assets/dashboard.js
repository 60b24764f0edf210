// The pipeline dashboard. In Azure behind App Service Authentication it reads the signed-in data routes beside the
// page (/api/dashboard/data/...) with the session's cookie, no key needed. Where those answer 401 or 404 (the local
// host, or Easy Auth off) it reads the keyed API routes with the key entered once (kept in sessionStorage, this tab only).
"use strict";

const KEY = "leadfunctions.apiKey";
// Only if the sweep list cannot be read: the dry runs are still worth showing.
const SWEEPS = ["disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches", "assign-queued", "suppress-unengaged", "decay-interest"];
let chart = null;

// Each read by the signed-in data route (relative to the page) and by the keyed route. The sweep plan is always a
// dry run on either.
const ROUTES = {
  playbook: ["dashboard/data/playbook", "/api/playbook"],
  velocity: ["dashboard/data/velocity", "/api/reports/velocity"],
  reps: ["dashboard/data/reps", "/api/reps"],
  inbox: (rep) => [`dashboard/data/leads?owner=${encodeURIComponent(rep)}&status=New&pageSize=100`, `/api/leads?owner=${encodeURIComponent(rep)}&status=New&pageSize=100`],
  sweeps: ["dashboard/data/sweeps", "/api/admin/sweeps"],
  plan: (sweep) => [`dashboard/data/sweeps/${sweep}/plan`, `/api/admin/sweeps/${sweep}?dryRun=true`],
  deadDeliveries: ["dashboard/data/deliveries?state=dead", "/api/admin/deliveries?state=dead"],
};

// Whether the data routes answer this session, asked once per page: a promise, so a key entered meanwhile waits for it.
let sessionCheck = null;

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function setStatus(text, isError = false) {
  const status = $("#status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function request(path, method, withKey) {
  const key = withKey ? sessionStorage.getItem(KEY) || "" : "";
  const headers = { Accept: "application/json" };
  if (key) headers["x-functions-key"] = key;
  const response = await fetch(path, { method, headers, credentials: "same-origin" });
  if (!response.ok) {
    const error = new Error(`${method} ${path.split("?")[0]} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

// A 401 or 404 from the first data route means no signed-in session here: the keyed routes, as before.
function detectSignIn() {
  sessionCheck ??= request(ROUTES.playbook[0], "GET", false).then(() => true, (error) => {
    if (error.status !== 401 && error.status !== 404) console.warn(`dashboard data routes: ${error.message}; using the keyed routes`);
    return false;
  });
  return sessionCheck;
}

async function api([dataPath, keyedPath], method = "GET") {
  return (await detectSignIn()) ? request(dataPath, method, false) : request(keyedPath, method, true);
}

// .NET writes a TimeSpan as [-][d.]hh:mm:ss[.fffffff].
function days(span) {
  if (span === null || span === undefined) return null;
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(span);
  if (!match) return null;
  const [, sign, d, h, m, s] = match;
  const value = Number(d || 0) + Number(h) / 24 + Number(m) / 1440 + Number(s) / 86400;
  return (sign ? -value : value);
}

const formatDays = (value) => (value === null ? "no data" : value.toFixed(2));
const when = (iso) => (iso ? new Date(iso).toLocaleString() : "no SLA");

function fillRows(tbody, rows) {
  tbody.replaceChildren(...rows);
}

function renderFunnel(playbook, velocity) {
  const rows = playbook.stages.map((stage) => {
    const count = velocity.byStage[stage.name] ?? 0;
    return element("tr", { "data-stage": stage.name },
      element("th", { scope: "row", text: stage.displayName }),
      element("td", { class: "num count", text: String(count) }));
  });
  fillRows($("#funnel tbody"), rows);
}

function renderVelocity(playbook, velocity) {
  const names = Object.fromEntries(playbook.stages.map((s) => [s.name, s.displayName]));
  const steps = velocity.steps.map((step) => ({
    id: `${step.from}-${step.to}`,
    label: `${names[step.from] ?? step.from} to ${names[step.to] ?? step.to}`,
    short: `${step.from} to ${step.to}`,
    entered: step.entered,
    converted: step.converted,
    median: days(step.median),
    p90: days(step.p90),
  }));
  fillRows($("#velocity tbody"), steps.map((step) => element("tr", { "data-step": step.id },
    element("th", { scope: "row", text: step.label }),
    element("td", { class: "num entered", text: String(step.entered) }),
    element("td", { class: "num converted", text: String(step.converted) }),
    element("td", { class: "num median", text: formatDays(step.median) }),
    element("td", { class: "num p90", text: formatDays(step.p90) }))));

  // The table above carries the numbers; the chart is a picture of them, so a missing library loses nothing.
  if (typeof window.Chart !== "function") return;
  if (chart) chart.destroy();
  chart = new window.Chart($("#velocity-chart"), {
    type: "bar",
    data: {
      // A phone has no room for the display names beside the bars; the table below still has them.
      labels: steps.map((s) => (window.innerWidth < 600 ? s.short : s.label)),
      datasets: [{ label: "Median days", data: steps.map((s) => s.median ?? 0), backgroundColor: "#0b57a4" }],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, title: { display: true, text: "Median days", color: "#1b1b1b" }, ticks: { color: "#1b1b1b", callback: (v) => Number(v).toLocaleString(undefined, { maximumSignificantDigits: 2 }) } },
                y: { ticks: { color: "#1b1b1b" } } },
    },
  });
}

async function renderInboxes(reps) {
  const sections = await Promise.all(reps.reps.map(async (rep) => {
    const inbox = await api(ROUTES.inbox(rep.id));
    const items = inbox.items;
    const breached = items.filter((l) => l.flags.includes("SlaBreached")).length;
    const headingId = `rep-${rep.id}`;
    const away = rep.available ? "" : " (away)";
    const section = element("section", { class: "inbox", "data-rep": rep.id, "data-count": String(items.length), "data-breached": String(breached), "aria-labelledby": headingId },
      element("h3", { id: headingId, text: `${rep.id}${away}: ${items.length} New, ${breached} breached` }));
    if (items.length === 0) {
      section.append(element("p", { class: "help", text: "No New leads." }));
      return section;
    }
    const body = element("tbody");
    for (const lead of items) {
      const isBreached = lead.flags.includes("SlaBreached");
      const isWarning = lead.flags.includes("SlaWarning");
      const state = isBreached ? "Breached" : isWarning ? "Due soon" : "On time";
      body.append(element("tr", { class: isBreached ? "breached" : "", "data-lead": lead.id },
        element("th", { scope: "row", text: lead.person?.company || lead.id }),
        element("td", { text: when(lead.slaDueAt) }),
        element("td", {}, element("span", { class: "badge", text: (isBreached ? "\u26a0 " : "") + state }))));
    }
    section.append(element("table", {},
      element("caption", { text: `${rep.id}'s New leads (team ${rep.team}), soonest SLA due first` }),
      element("thead", {}, element("tr", {},
        element("th", { scope: "col", text: "Lead" }),
        element("th", { scope: "col", text: "SLA due" }),
        element("th", { scope: "col", text: "SLA" }))),
      body));
    return section;
  }));
  $("#inboxes").replaceChildren(...sections);
}

// The last real run says whether the timers ran and, while one runs, how far it got; the dry run says what a run
// now would change. The sweep list comes from the API, so a new sweep shows up without a page change.
function lastRunText(run) {
  if (!run) {
    return "never run";
  }
  const at = new Date(run.finishedAt ?? run.updatedAt).toLocaleString();
  return `${run.state} ${run.done} of ${run.total}, ${at}`;
}

async function renderSweeps() {
  let sweeps;
  try {
    sweeps = (await api(ROUTES.sweeps)).sweeps;
  } catch (error) {
    sweeps = SWEEPS.map((sweep) => ({ sweep, latestRun: null }));
  }
  const rows = await Promise.all(sweeps.map(async ({ sweep, latestRun }) => {
    const lastRun = element("td", { class: "last-run", text: lastRunText(latestRun) });
    try {
      const plan = await api(ROUTES.plan(sweep), "POST");
      return element("tr", { "data-sweep": sweep },
        element("th", { scope: "row", text: sweep }),
        lastRun,
        element("td", { class: "num examined", text: String(plan.examined) }),
        element("td", { class: "num changed", text: String(plan.planned.length) }));
    } catch (error) {
      return element("tr", { "data-sweep": sweep },
        element("th", { scope: "row", text: sweep }),
        lastRun,
        element("td", { class: "num error", colspan: "2", text: `unavailable (${error.status ?? "network"})` }));
    }
  }));
  fillRows($("#sweeps tbody"), rows);
}

// The deliveries route may not exist in this deployment: a 404 says so rather than failing the page.
async function renderDeliveries() {
  const target = $("#deliveries");
  try {
    const dead = await api(ROUTES.deadDeliveries);
    const items = Array.isArray(dead) ? dead : (dead.items ?? []);
    target.textContent = `${items.length} dead ${items.length === 1 ? "delivery" : "deliveries"}.`;
    target.dataset.state = "loaded";
  } catch (error) {
    target.textContent = error.status === 404 ? "Not configured." : `Unavailable (${error.status ?? "network"}).`;
    target.dataset.state = error.status === 404 ? "not-configured" : "error";
  }
}

// Behind App Service Authentication a 401 without a key may just mean no session yet: offer the sign-in, which
// comes back to this page.
function showSignIn() {
  const link = element("a", { href: `/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(location.pathname)}`, text: "Sign in with your work account" });
  $("#status").append(" ", link);
}

async function load() {
  setStatus("Loading\u2026");
  document.body.removeAttribute("data-loaded");
  try {
    const [playbook, velocity, reps] = await Promise.all([api(ROUTES.playbook), api(ROUTES.velocity), api(ROUTES.reps)]);
    renderFunnel(playbook, velocity);
    renderVelocity(playbook, velocity);
    await Promise.all([renderInboxes(reps), renderSweeps(), renderDeliveries()]);
    $("#as-of").textContent = `As of ${new Date(velocity.asOf).toLocaleString()}, ${velocity.leads} leads.`;
    setStatus("Loaded.");
    document.body.setAttribute("data-loaded", "true");
  } catch (error) {
    const session = await detectSignIn();
    const refused = session ? "Your sign-in has ended: sign in again." : "The API refused the key: check it and choose Load again.";
    setStatus(error.status === 401 ? refused : `Could not load: ${error.message}.`, true);
    if (error.status === 401 && (session || !sessionStorage.getItem(KEY))) showSignIn();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("#api-key").value.trim();
    if (key) sessionStorage.setItem(KEY, key);
    $("#api-key").value = "";
    load();
  });
  $("#forget-key").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    setStatus("Key forgotten.");
    $("#api-key").focus();
  });
  // Signed in, the page loads by itself; otherwise it waits for a key as before (or loads with the one kept).
  detectSignIn().then((session) => { if (session || sessionStorage.getItem(KEY)) load(); });
});
