// Loads the pipeline dashboard in Debian's Chromium (never a downloaded browser), enters the key, waits for the data
// and prints one JSON line with what the page shows; saves a desktop and a phone-width screenshot.
// Usage: node dashboard.mjs <pageUrl> <apiKey> <screenshotDir>
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [pageUrl, apiKey, screenshotDir] = process.argv.slice(2);
if (!pageUrl || !apiKey || !screenshotDir) {
  console.error("usage: node dashboard.mjs <pageUrl> <apiKey> <screenshotDir>");
  process.exit(2);
}
mkdirSync(screenshotDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

const deadline = { timeout: 30000 };

// Everything the page asked for, so the test can check that nothing left 127.0.0.1.
const requested = [];
const consoleErrors = [];

async function open(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("request", (request) => requested.push(request.url()));
  page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(pageUrl, deadline);
  return page;
}

// Keyboard only: tab to the key box, type, press Enter.
async function enterKey(page, key) {
  await page.keyboard.press("Tab"); // the skip link
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.id);
  await page.keyboard.type(key);
  await page.keyboard.press("Enter");
  return focused;
}

async function read(page) {
  return page.evaluate(() => {
    const text = (node, selector) => node.querySelector(selector)?.textContent.trim() ?? null;
    const funnel = Object.fromEntries([...document.querySelectorAll("#funnel tbody tr")]
      .map((row) => [row.dataset.stage, { label: text(row, "th"), count: Number(text(row, ".count")) }]));
    const inboxes = Object.fromEntries([...document.querySelectorAll("#inboxes .inbox")].map((section) => {
      const rows = [...section.querySelectorAll("tbody tr")];
      const breachedRows = rows.filter((row) => row.classList.contains("breached"));
      return [section.dataset.rep, {
        count: rows.length,
        leads: rows.map((row) => row.dataset.lead),
        breached: breachedRows.length,
        breachedSayBreached: breachedRows.every((row) => row.textContent.includes("Breached")),
        breachedColours: breachedRows.map((row) => getComputedStyle(row.querySelector("td")).color),
        heading: text(section, "h3"),
      }];
    }));
    const velocity = [...document.querySelectorAll("#velocity tbody tr")].map((row) => ({
      step: row.dataset.step, entered: Number(text(row, ".entered")), converted: Number(text(row, ".converted")), median: text(row, ".median"),
    }));
    const sweeps = Object.fromEntries([...document.querySelectorAll("#sweeps tbody tr")]
      .map((row) => [row.dataset.sweep, { examined: Number(text(row, ".examined")), changed: Number(text(row, ".changed")), lastRun: text(row, ".last-run") }]));
    const chart = document.querySelector("#velocity-chart");
    return {
      funnel, inboxes, velocity, sweeps,
      deliveries: document.querySelector("#deliveries").dataset.state ?? null,
      deliveriesText: text(document, "#deliveries"),
      chartDrawn: typeof window.Chart === "function" && chart.width > 0 && !!window.Chart.getChart(chart),
      keyLabel: document.querySelector("label[for=api-key]")?.textContent.trim() ?? null,
      captions: [...document.querySelectorAll("table")].every((table) => !!table.querySelector("caption")),
      landmarks: ["header", "main"].every((tag) => !!document.querySelector(tag)),
    };
  });
}

try {
  // A wrong key is refused on the page, and "Forget key" drops it.
  const refusedPage = await open({ width: 1280, height: 900 });
  const focused = await enterKey(refusedPage, "not-the-key");
  await refusedPage.waitForSelector("#status.error", deadline);
  const refused = (await refusedPage.textContent("#status")).trim();
  await refusedPage.click("#forget-key");
  const forgotten = await refusedPage.evaluate(() => sessionStorage.length === 0);
  await refusedPage.context().close();

  const page = await open({ width: 1280, height: 900 });
  await enterKey(page, apiKey);
  await page.waitForSelector("body[data-loaded=true]", deadline);
  const shown = await read(page);
  const keyKept = await page.evaluate(() => Object.keys(sessionStorage).length === 1 && !document.querySelector("#api-key").value);
  const screenshot = join(screenshotDir, "dashboard.png");
  await page.screenshot({ path: screenshot, fullPage: true });

  // A reload in the same tab uses the kept key: entered once.
  await page.reload(deadline);
  await page.waitForSelector("body[data-loaded=true]", deadline);
  const reloaded = await page.evaluate(() => document.querySelectorAll("#funnel tbody tr").length);
  await page.context().close();

  const phone = await open({ width: 375, height: 812 });
  await enterKey(phone, apiKey);
  await phone.waitForSelector("body[data-loaded=true]", deadline);
  const overflow = await phone.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll("body *")].filter((n) => n.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((n) => n.tagName + (n.id ? "#" + n.id : "")).slice(0, 5),
  }));
  const phoneScreenshot = join(screenshotDir, "dashboard-phone.png");
  await phone.screenshot({ path: phoneScreenshot, fullPage: true });

  console.log(JSON.stringify({ ...shown, focused, refused, forgotten, keyKept, reloaded, overflow, screenshot, phoneScreenshot, requested, consoleErrors }));
} finally {
  await browser.close();
}
