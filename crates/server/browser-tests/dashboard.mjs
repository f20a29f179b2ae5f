// The dashboard in a real browser: headless Chromium (Debian's package; playwright-core only
// drives it) at desktop and phone sizes. Loads every page, clicks from the overview into a dyad
// and from there into an event, submits a brief, checks that a posted article's script never
// runs, scans each page with axe-core, saves screenshots, and fails on any console error, page
// error, failed request or serious accessibility violation.
//
// Environment: TRIPWIRE_URL (the server), TRIPWIRE_TOKEN (its token), SCREENSHOTS (a folder),
// CHROMIUM (default /usr/bin/chromium).
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const base = process.env.TRIPWIRE_URL;
const token = process.env.TRIPWIRE_TOKEN;
const shots = process.env.SCREENSHOTS;
if (!base || !token || !shots) throw new Error("set TRIPWIRE_URL, TRIPWIRE_TOKEN and SCREENSHOTS");
fs.mkdirSync(shots, { recursive: true });

const viewports = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
];

let passed = 0;
let failed = 0;
const axeCounts = { pages: 0, violations: 0, serious: 0 };

function check(name, ok, detail) {
  if (ok) {
    passed += 1;
    console.log(`ok ${name}`);
  } else {
    failed += 1;
    console.log(`FAIL ${name}${detail ? ": " + detail : ""}`);
  }
}

// An article whose text tries to run script, posted through the API with the token.
async function postHostileArticle() {
  const article = {
    id: "hostile-article",
    date: "2015-11-30",
    source: "<script>window.__pwned = 1</script>",
    url: "javascript:window.__pwned=3",
    title: "<img src=x onerror=\"window.__pwned=2\">",
    text: "Iran <img src=x onerror=\"window.__pwned=2\"> accused the United States of <script>window.__pwned=1</script> spying on Tuesday.",
  };
  const refused = await fetch(`${base}/api/ingest`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ articles: [article] }),
  });
  check("ingest without the token is refused", refused.status === 401, `status ${refused.status}`);
  const response = await fetch(`${base}/api/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ articles: [article] }),
  });
  const body = await response.json();
  check("ingest with the token stores the article", response.ok && body.events_stored >= 1, JSON.stringify(body));
  const listed = await (await fetch(`${base}/api/events?actor=IRN&from=2015-11-30&to=2015-11-30&origin=tripwire`)).json();
  return listed.events.find((e) => e.article_id === "hostile-article")?.id;
}

async function scan(page, label) {
  // Evaluated through the driver, which the page's script policy does not govern (a script tag
  // would be refused by it, as an injected one should be).
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }));
  });
  axeCounts.pages += 1;
  axeCounts.violations += result.length;
  const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeCounts.serious += serious.length;
  for (const v of result) console.log(`  axe ${label}: ${v.impact} ${v.id} (${v.nodes} nodes): ${v.help}`);
  check(`axe finds no serious violation on ${label}`, serious.length === 0, serious.map((v) => v.id).join(", "));
}

async function visit(page, problems, url, label, viewportName) {
  problems.length = 0;
  const response = await page.goto(base + url, { waitUntil: "networkidle" });
  check(`${label} loads (${viewportName})`, response && response.ok(), response ? `status ${response.status()}` : "no response");
  await afterLoad(page, problems, label, viewportName);
}

async function afterLoad(page, problems, label, viewportName) {
  await page.waitForLoadState("networkidle");
  const pwned = await page.evaluate(() => window.__pwned);
  check(`no article script ran on ${label} (${viewportName})`, pwned === undefined, `window.__pwned = ${pwned}`);
  await page.screenshot({ path: path.join(shots, `${label}-${viewportName}.png`), fullPage: true });
  await scan(page, `${label} (${viewportName})`);
  check(`no console error or failed request on ${label} (${viewportName})`, problems.length === 0, problems.join("; "));
}

const hostileId = await postHostileArticle();
check("the hostile article's event is listed", Number.isInteger(hostileId), String(hostileId));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  for (const { name, ...options } of viewports) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    const problems = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // A request the browser itself cancels (the icon, when the next page is opened at once) is
    // no failure of the server's; every other failure is.
    page.on("requestfailed", (r) => {
      const error = r.failure()?.errorText;
      if (error !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${error}`);
    });
    page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

    // Overview → dyad → event, by clicking.
    await visit(page, problems, "/", "overview", name);
    const dyadLink = page.locator('main table a[href^="/dyads/"]').first();
    check(`the overview lists a dyad (${name})`, (await dyadLink.count()) === 1);
    problems.length = 0;
    await dyadLink.click();
    await page.waitForURL(/\/dyads\/[A-Z]{3}-[A-Z]{3}/);
    await page.locator("#series-chart canvas").first().waitFor({ timeout: 10000 });
    check(`the dyad page draws its series chart (${name})`, (await page.locator("#series-chart canvas").count()) >= 1);
    await afterLoad(page, problems, "dyad", name);
    const eventLink = page.locator('main a[href^="/events/"]').first();
    check(`the dyad page links an event (${name})`, (await eventLink.count()) === 1);
    problems.length = 0;
    await eventLink.click();
    await page.waitForURL(/\/events\/\d+$/);
    check(`the event page names the event (${name})`, (await page.locator("h1").innerText()).startsWith("Event "));
    await afterLoad(page, problems, "event", name);

    // Every other page, by URL (each is bookmarkable).
    await visit(page, problems, "/events?dyad=IRN-USA&both=true&newest=true", "events", name);
    const rows = await page.locator("table.events tbody tr").count();
    check(`the events table lists IRN-USA events (${name})`, rows > 1, `${rows} rows`);
    const next = page.locator('a[rel="next"]');
    if ((await next.count()) === 1) {
      problems.length = 0;
      await next.click();
      await page.waitForURL(/after=/);
      check(`the next page keeps the filters (${name})`, page.url().includes("dyad=IRN-USA"), page.url());
    }
    await visit(page, problems, `/events/${hostileId}`, "hostile-event", name);
    const quoted = await page.locator("blockquote").first().innerText();
    check(`the hostile sentence is shown as text (${name})`, quoted.includes("<script>"), quoted);
    check(`the hostile sentence made no element (${name})`, (await page.locator("main img, main script").count()) === 0);
    await visit(page, problems, "/backtest", "backtest", name);
    check(`the backtest page shows its scores (${name})`, (await page.locator("main section h2").count()) >= 1);

    // A brief, submitted through its form.
    await visit(page, problems, "/brief", "brief", name);
    await page.fill("textarea[name=text]", "Chinese warships confronted Japanese coast guard vessels near the disputed islands on Monday. Japan protested to China.");
    await page.fill("input[name=date]", "2015-12-07");
    problems.length = 0;
    await page.click("form.brief button[type=submit]");
    await page.waitForURL(/\/brief/);
    await page.locator("#verdict").waitFor({ timeout: 20000 });
    check(`the brief shows a verdict (${name})`, (await page.locator("#verdict").innerText()).length > 0);
    await afterLoad(page, problems, "brief-result", name);
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(`axe: ${axeCounts.pages} pages scanned, ${axeCounts.violations} violations, ${axeCounts.serious} serious or critical`);
console.log(`screenshots: ${shots}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
