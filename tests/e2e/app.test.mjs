// End to end: examples/app in headless Chromium under the real `hmrc serve`,
// files edited on disk, state checked in the page.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot } from "../node/helpers.mjs";
import { startServer } from "../node/server-helpers.mjs";
import { launchChromium } from "./browser.mjs";

describe("examples/app in Chromium", () => {
  let server, context, dir;
  const file = (rel) => path.join(dir, rel);
  const edit = (rel, from, to) => {
    const text = readFileSync(file(rel), "utf8");
    assert.ok(text.includes(from), `${rel} has no ${from}`);
    writeFileSync(file(rel), text.replace(from, to));
  };
  const text = (page, selector) => page.locator(selector).textContent();
  async function openApp() {
    const page = await context.newPage();
    page.logs = [];
    page.on("console", (m) => page.logs.push(m.text()));
    page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
    await page.goto(server.url + "/");
    await page.waitForSelector("#count");
    return page;
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "hmrc-e2e-app-"));
    cpSync(path.join(repoRoot, "examples/app"), dir, { recursive: true });
    server = await startServer({}, { dir });
    context = await launchChromium();
  });
  after(async () => {
    await context?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a leaf edit redraws in place and keeps the state; importers see the new exports", async () => {
    const page = await openApp();
    assert.equal(await text(page, "#greeting"), "Hello from hmrc");
    for (let i = 0; i < 3; i++) await page.click("#increment");
    assert.equal(await text(page, "#count"), "3");
    await page.evaluate(() => (window.__marker = "same page"));
    edit("src/greeting.ts", "Hello from hmrc", "Hello again");
    await page.waitForFunction(() => document.querySelector("#greeting")?.textContent === "Hello again");
    assert.equal(await text(page, "#count"), "3");
    assert.equal(await page.evaluate(() => window.__marker), "same page");
    await server.waitForLine(/^hmr update src\/greeting\.ts via src\/main\.ts/);
    await page.close();
  });

  test("a self-accepting module with data keeps its state through its own edit", async () => {
    const page = await openApp();
    await page.click("#increment");
    const before = Number(await text(page, "#count"));
    edit("src/store.ts", "state.count += by;", "state.count += by * 10;");
    await server.waitForLine(/^hmr update src\/store\.ts/);
    await page.waitForTimeout(200);
    assert.equal(Number(await text(page, "#count")), before);
    await page.click("#increment");
    await page.waitForFunction((n) => document.querySelector("#count")?.textContent === String(n), before + 10);
    await page.close();
  });

  test("a syntax error shows the overlay, the old code keeps running, fixing it recovers", async () => {
    const page = await openApp();
    edit("src/view.ts", 'button.textContent = "+1";', 'button.textContent = "+1"+;');
    await page.waitForSelector("hmrc-error-overlay");
    const overlay = await page.locator("hmrc-error-overlay").evaluate((el) => el.shadowRoot.textContent);
    assert.match(overlay, /src\/view\.ts:\d+:\d+/);
    assert.equal(await text(page, "#increment"), "+1", "the old view keeps running");
    edit("src/view.ts", 'button.textContent = "+1"+;', 'button.textContent = "add one";');
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.waitForFunction(() => document.querySelector("#increment")?.textContent === "add one");
    await page.close();
  });

  test("two tabs both update", async () => {
    const [a, b] = [await openApp(), await openApp()];
    edit("src/greeting.ts", "Hello again", "Hello, two tabs");
    for (const page of [a, b])
      await page.waitForFunction(() => document.querySelector("#greeting")?.textContent === "Hello, two tabs");
    await a.close();
    await b.close();
  });

  test("versioned module URLs: cached for good, and a reload after an edit loads the new version", async () => {
    const versionedGreeting = (page) =>
      page.evaluate(() =>
        performance.getEntriesByType("resource").filter((e) => /\/src\/greeting\.ts\?v=[0-9a-f]{16}$/.test(e.name)),
      ).then((entries) => entries.map((e) => ({ name: e.name, transferSize: e.transferSize })));
    const first = await openApp();
    const [loaded] = await versionedGreeting(first);
    assert.ok(loaded, "greeting.ts is loaded from its versioned URL");
    // Navigating again: the versioned modules come from the cache without a request.
    await first.goto(server.url + "/");
    await first.waitForSelector("#count");
    assert.deepEqual(await versionedGreeting(first), [{ name: loaded.name, transferSize: 0 }]);

    edit("src/greeting.ts", "Hello, two tabs", "Hello, new version");
    await first.waitForFunction(() => document.querySelector("#greeting")?.textContent === "Hello, new version");
    await first.reload();
    await first.waitForSelector("#count");
    assert.equal(await text(first, "#greeting"), "Hello, new version");
    const [reloaded] = await versionedGreeting(first);
    assert.notEqual(reloaded.name, loaded.name, "the edit gave greeting.ts a new version");
    assert.ok(reloaded.transferSize > 0, "the new version was fetched");
    assert.deepEqual(first.logs.filter((l) => l.startsWith("pageerror")), []);

    // Back to the old bytes: the old URL again, whose bytes the cache holds.
    edit("src/greeting.ts", "Hello, new version", "Hello, two tabs");
    await first.waitForFunction(() => document.querySelector("#greeting")?.textContent === "Hello, two tabs");
    await first.reload();
    await first.waitForSelector("#count");
    assert.equal(await text(first, "#greeting"), "Hello, two tabs");
    assert.equal((await versionedGreeting(first))[0].name, loaded.name);
    await first.close();
  });

  test("an edit with no accepting boundary reloads the page", async () => {
    const page = await openApp();
    await page.click("#increment");
    await page.evaluate(() => (window.__marker = "before reload"));
    const reloaded = page.waitForEvent("load");
    edit("src/main.ts", "draw();\n\nif", "draw();\ndocument.title = 'reloaded';\n\nif");
    await reloaded;
    await page.waitForFunction(() => document.title === "reloaded");
    assert.equal(await page.evaluate(() => window.__marker), undefined);
    await server.waitForLine(/^page reload: src\/main\.ts has no accepting boundary/);
    await page.close();
  });

  test("the page reconnects after the server restarts and updates again", async () => {
    const page = await openApp();
    await page.evaluate(() => (window.__marker = "kept"));
    const port = server.port;
    await server.stop();
    server = await startServer({}, { dir, args: ["--port", String(port), "--strict-port"] });
    await server.waitForLine(/^hmrc serve:/);
    // The client reconnects with backoff; an update then arrives as usual.
    await page.waitForTimeout(1500);
    edit("src/greeting.ts", "Hello, two tabs", "Hello after restart");
    await page.waitForFunction(() => document.querySelector("#greeting")?.textContent === "Hello after restart", null, { timeout: 10000 });
    assert.equal(await page.evaluate(() => window.__marker), "kept", "no reload: no file changed while disconnected");
    await page.close();
  });
});
