// Drives the sample website form in Debian's Chromium (never a downloaded browser) and prints one JSON line.
// Usage: node submit-form.mjs <pageUrl> <email> [script|no-script]
//   script:    {"leadId", "status", "fieldError", "requiredMarked"}: JSON post, the API's field error shown inline.
//   no-script: {"url", "thanks", "blockedWithoutEmail", "requiredMarked"}: a plain form post and the redirect back.
import { chromium } from "playwright-core";

const [pageUrl, email, mode = "script"] = process.argv.slice(2);
if (!pageUrl || !email || !["script", "no-script"].includes(mode)) {
  console.error("usage: node submit-form.mjs <pageUrl> <email> [script|no-script]");
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

const deadline = { timeout: 20000 };

async function fillPerson(page) {
  await page.fill("input[name=email]", email);
  await page.fill("input[name=firstName]", "Grace");
  await page.fill("input[name=company]", "Acme Analytics");
  await page.fill("input[name=jobTitle]", "Director of Operations");
  await page.fill("input[name=employees]", "250");
  await page.fill("input[name=country]", "US");
  await page.fill("textarea[name=message]", `We need pricing for 40 seats (${mode})`);
  await page.check("input[name=consent]");
}

// The e-mail's label carries the visible required mark.
async function requiredMarked(page) {
  return page.evaluate(() => {
    const input = document.querySelector("input[name=email]");
    const label = input.closest("label");
    return input.required && !!label.querySelector(".required") && getComputedStyle(label.querySelector(".required")).display !== "none";
  });
}

async function withScript() {
  const page = await browser.newPage();

  // First a bad e-mail: the page must show the API's field error inline.
  await page.goto(pageUrl, deadline);
  await page.fill("input[name=email]", "not-an-email");
  await page.click("button[type=submit]");
  await page.waitForSelector("[data-error-for=email]:not(:empty)", deadline);
  const fieldError = await page.textContent("[data-error-for=email]");

  await fillPerson(page);
  await page.click("button[type=submit]");
  await page.waitForSelector("#form-status.ok", deadline);
  const leadId = await page.getAttribute("#lead-form", "data-lead-id");
  const status = await page.textContent("#form-status");
  return { leadId, status, fieldError, requiredMarked: await requiredMarked(page) };
}

async function withoutScript() {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(pageUrl, deadline);
  const thanksBefore = await page.isVisible("#thank-you");

  // Without an e-mail the browser itself refuses to post: the page stays where it is.
  await page.click("button[type=submit]");
  await page.waitForTimeout(500);
  const blockedWithoutEmail = page.url() === pageUrl && (await page.$("input[name=email]:invalid")) !== null;

  await fillPerson(page);
  await Promise.all([page.waitForURL(/submitted=1/, deadline), page.click("button[type=submit]")]);
  await page.waitForSelector("#thank-you", { ...deadline, state: "visible" });
  const thanks = await page.textContent("#thank-you");
  return { url: page.url(), thanks, thanksBefore, blockedWithoutEmail, requiredMarked: await requiredMarked(page) };
}

try {
  console.log(JSON.stringify(mode === "script" ? await withScript() : await withoutScript()));
} finally {
  await browser.close();
}
