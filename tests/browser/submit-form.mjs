// Drives the sample website form in Debian's Chromium (never a downloaded browser) and prints one JSON line:
// {"leadId": "...", "status": "...", "fieldError": "..."}. Usage: node submit-form.mjs <pageUrl> <email>
import { chromium } from "playwright-core";

const [pageUrl, email] = process.argv.slice(2);
if (!pageUrl || !email) {
  console.error("usage: node submit-form.mjs <pageUrl> <email>");
  process.exit(2);
}

// playwright-core gives the browser a fresh temporary profile of its own and removes it on close.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});

try {
  const page = await browser.newPage();
  const deadline = { timeout: 20000 };

  // First a bad e-mail: the page must show the API's field error inline.
  await page.goto(pageUrl, deadline);
  await page.fill("input[name=email]", "not-an-email");
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-error-for=email]:not(:empty)", deadline);
  const fieldError = await page.textContent("[data-error-for=email]");

  await page.fill("input[name=email]", email);
  await page.fill("input[name=firstName]", "Grace");
  await page.fill("input[name=company]", "Acme Analytics");
  await page.fill("input[name=jobTitle]", "Director of Operations");
  await page.fill("input[name=employees]", "250");
  await page.fill("input[name=country]", "US");
  await page.click("button[type=submit]");
  await page.waitForSelector("#form-status.ok", deadline);
  const leadId = await page.getAttribute("#lead-form", "data-lead-id");
  const status = await page.textContent("#form-status");
  console.log(JSON.stringify({ leadId, status, fieldError }));
} finally {
  await browser.close();
}
