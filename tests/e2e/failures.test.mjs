// End to end, issue 17: every failure in the page is visible (overlay and
// terminal) and recovers without a manual reload. Each test serves a small
// app of its own under the real `hmrc serve`, in headless Chromium.
import assert from "node:assert/strict";
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { startServer } from "../node/server-helpers.mjs";
import { launchChromium } from "./browser.mjs";

const page_html = (entry) =>
  `<!doctype html>\n<html><head><title>t</title></head><body><div id="out"></div><button id="inc">+</button>\n` +
  `<script type="module" src="${entry}"></script></body></html>\n`;

describe("failures in the page, in Chromium", () => {
  let context;
  const servers = [];

  before(async () => {
    context = await launchChromium();
  });
  after(async () => {
    await context?.close();
    for (const s of servers) await s.stop();
  });

  // A server on a fresh folder holding `files`; edit(rel, from, to) changes one.
  async function serve(files) {
    const server = await startServer(files);
    servers.push(server);
    server.edit = (rel, from, to) => {
      const file = path.join(server.dir, rel);
      const text = readFileSync(file, "utf8");
      assert.ok(text.includes(from), `${rel} has no ${from}`);
      writeFileSync(file, text.replace(from, to));
    };
    server.write = (rel, text) => writeFileSync(path.join(server.dir, rel), text);
    // The terminal lines about updates printed from now on.
    server.mark = () => {
      const start = server.lines.length;
      return () => server.lines.slice(start).filter((l) => /^(hmr |page reload)/.test(l));
    };
    return server;
  }

  async function open(server, ready = "#out") {
    const page = await context.newPage();
    page.logs = [];
    page.on("console", (m) => page.logs.push(m.text()));
    page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
    await page.goto(server.url + "/");
    if (ready) await page.waitForSelector(ready);
    await page.evaluate(() => (window.__same_page = true));
    return page;
  }
  const out = (page) => page.locator("#out").textContent();
  const same_page = (page) => page.evaluate(() => window.__same_page === true);
  const overlay_text = (page) =>
    page.locator("hmrc-error-overlay").evaluate((el) => el.shadowRoot.textContent);

  test("item 6: one save, one line, true to what the page did, one name per file", async () => {
    const server = await serve({
      "index.html": page_html("/src/v/main.ts"),
      "src/v/main.ts":
        'import { view } from "./view";\nimport { tick } from "./ticker";\n' +
        'const draw = (v: () => string) => (document.querySelector("#out")!.textContent = v() + tick());\n' +
        'draw(view);\nimport.meta.hot.accept("./view", (m) => draw(m.view));\n',
      "src/v/view.ts": 'export const view = () => "view 1";\n',
      "src/v/ticker.ts": 'export const tick = () => "!";\n',
    });
    const page = await open(server);
    assert.equal(await out(page), "view 1!");
    // What DevTools (or an overlay mapping a stack) does: fetch the maps,
    // which modules imported without extension name with it.
    for (const map of ["/src/v/view.ts.map", "/src/v/ticker.ts.map"])
      assert.equal(await page.evaluate((u) => fetch(u).then((r) => r.status), map), 200);
    const lines = server.mark();
    server.edit("src/v/view.ts", "view 1", "view 2");
    await page.waitForFunction(() => document.querySelector("#out").textContent === "view 2!");
    await server.waitForLine(/^hmr update src\/v\/view\.ts via src\/v\/main\.ts \(\d+\.\d ms\)$/);
    await page.waitForTimeout(1200); // longer than a predicted reload waits for the page
    assert.deepEqual(lines().map((l) => l.replace(/ \(.*\)$/, "")), ["hmr update src/v/view.ts via src/v/main.ts"]);
    assert.ok(await same_page(page));
    await page.close();
  });

  test("item 2: a module that writes to its data through a variable accepts itself", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts": 'import "./counter.ts";\n',
      // The compiler cannot see these writes: the runtime decides (data not empty).
      "src/counter.ts":
        "const d = import.meta.hot.data;\nd.n ??= 0;\n" +
        'const draw = () => (document.querySelector("#out")!.textContent = "v1:" + d.n);\n' +
        'document.querySelector<HTMLButtonElement>("#inc")!.onclick = () => { d.n++; draw(); };\ndraw();\n',
    });
    const page = await open(server);
    await page.click("#inc");
    await page.click("#inc");
    assert.equal(await out(page), "v1:2");
    const lines = server.mark();
    server.edit("src/counter.ts", '"v1:"', '"v2:"');
    await page.waitForFunction(() => document.querySelector("#out").textContent === "v2:2");
    assert.ok(await same_page(page), "updated in place, not reloaded");
    await page.click("#inc");
    assert.equal(await out(page), "v2:3");
    await server.waitForLine(/^hmr update src\/counter\.ts \(\d+\.\d ms\)$/, 3000);
    assert.deepEqual(lines().map((l) => l.replace(/ \(.*\)$/, "")), ["hmr update src/counter.ts"]);
    await page.close();
  });

  test("item 3: invalidate() in a module's own accept callback re-runs its importer", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts":
        'import { value } from "./child.ts";\ndocument.querySelector("#out")!.textContent = value;\n' +
        "import.meta.hot.accept();\n",
      // Accepts itself, but gives up when its value changes (Vite's pattern).
      "src/child.ts":
        'export const value = "child 1";\n' +
        "import.meta.hot.accept((m) => {\n  if (m.value !== value) import.meta.hot.invalidate(\"value changed\");\n});\n",
    });
    const page = await open(server);
    assert.equal(await out(page), "child 1");
    server.edit("src/child.ts", '"child 1"', '"child 2"');
    await server.waitForLine(/^hmr invalidate src\/child\.ts: value changed$/);
    await page.waitForFunction(() => document.querySelector("#out").textContent === "child 2");
    assert.ok(await same_page(page));
    await page.close();
  });
  test("item 4: an import of a missing file names the import and its line; creating the file recovers", async () => {
    const server = await serve({
      "index.html": page_html("/src/v/main.ts"),
      "src/v/main.ts":
        'import { view } from "./view";\nconst draw = (v: () => string) => (document.querySelector("#out")!.textContent = v());\n' +
        'draw(view);\nimport.meta.hot.accept("./view", (m) => draw(m.view));\n',
      "src/v/view.ts": 'export const view = () => "view 1";\n',
    });
    const page = await open(server);
    server.write("src/v/view.ts", 'import { extra } from "./does-not-exist";\nexport const view = () => "view 2 " + extra;\n');
    await page.waitForSelector("hmrc-error-overlay");
    const shown = await overlay_text(page);
    assert.match(shown, /src\/v\/view\.ts:1:23/);
    assert.match(shown, /"\.\/does-not-exist" not found/);
    assert.doesNotMatch(shown, /Failed to fetch/);
    assert.match(server.errors, /src\/v\/view\.ts:1:23: error: "\.\/does-not-exist" not found .*\[IMP001\]/);
    assert.equal(await out(page), "view 1", "the previous version keeps running");
    server.write("src/v/does-not-exist.ts", 'export const extra = "and extra";\n');
    await page.waitForFunction(() => document.querySelector("#out").textContent === "view 2 and extra");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    assert.ok(await same_page(page));
    await page.close();
  });
  test("item 5: an error thrown by a new version or an accept callback is on the overlay, mapped, and the page goes on", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts":
        'import { view } from "./view.ts";\nconst draw = (v: () => string) => (document.querySelector("#out")!.textContent = v());\n' +
        // As in Vite, the callback gets undefined when the new version failed.
        'draw(view);\nimport.meta.hot.accept("./view.ts", (m) => {\n  if (m?.view() === "view 3") throw new Error("boom in callback");\n  if (m) draw(m.view);\n});\n',
      "src/view.ts": 'export const view = () => "view 1";\n',
    });
    const page = await open(server);
    // Line 1, where the dev header moves every column: only a mapped stack names the column written.
    const throwing = 'export const view = () => "view 2"; if (view()) throw new Error("boom in view");\n';
    server.write("src/view.ts", throwing);
    await page.waitForFunction(() =>
      /src\/view\.ts:1:\d+/.test(document.querySelector("hmrc-error-overlay")?.shadowRoot.textContent ?? ""));
    let shown = await overlay_text(page);
    assert.match(shown, /boom in view/);
    assert.match(shown, new RegExp(`src/view\\.ts:1:${throwing.indexOf("new Error") + 1}`));
    assert.match(shown, /> 1 \| export const view/, "a code frame of the file as written");
    assert.doesNotMatch(shown, /\?t=/, "no compiled URL left in the stack");
    assert.equal(await out(page), "view 1", "the previous version keeps running");
    await server.waitForLine(/^hmr error in page #\d+: src\/view\.ts:1:\d+: boom in view$/);

    server.write("src/view.ts", 'export const view = () => "view 3";\n');
    await page.waitForFunction(() =>
      /src\/main\.ts:5:\d+/.test(document.querySelector("hmrc-error-overlay")?.shadowRoot.textContent ?? ""));
    shown = await overlay_text(page);
    assert.match(shown, /boom in callback/);
    await page.waitForTimeout(300);
    assert.ok(await page.locator("hmrc-error-overlay").count(), "the overlay stays: the update failed");

    server.write("src/view.ts", 'export const view = () => "view 4";\n');
    await page.waitForFunction(() => document.querySelector("#out").textContent === "view 4");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    assert.ok(await same_page(page));
    await page.close();
  });
  test("item 1: a page opened on a syntax error comes alive by itself once the file is fixed", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts": 'import { view } from "./view.ts";\ndocument.querySelector("#out")!.textContent = view;\n',
      "src/view.ts": 'export const view = "fixed" +;\n',
    });
    const page = await open(server, "hmrc-error-overlay");
    assert.match(await overlay_text(page), /src\/view\.ts:1:\d+/);
    assert.equal(await out(page), "", "nothing ran");
    server.write("src/view.ts", 'export const view = "fixed";\n');
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "fixed");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.close();
  });

  test("a module that throws as the page first loads: on the overlay, mapped; fixing it recovers", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts": 'import { view } from "./view.ts";\ndocument.querySelector("#out")!.textContent = view;\n',
      "src/view.ts": 'export const view = "v"; throw new Error("boom at load");\n',
    });
    const page = await open(server, null);
    await page.waitForFunction(() =>
      /src\/view\.ts:1:\d+/.test(document.querySelector("hmrc-error-overlay")?.shadowRoot.textContent ?? ""));
    assert.match(await overlay_text(page), /boom at load/);
    await server.waitForLine(/^page #\d+ failed to load: src\/view\.ts:1:\d+: boom at load$/);
    server.write("src/view.ts", 'export const view = "fixed";\n');
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "fixed");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.close();
  });
  const view_app = () => ({
    "index.html": page_html("/src/main.ts"),
    "src/main.ts":
      'import { view } from "./view.ts";\nconst draw = (v: string) => (document.querySelector("#out")!.textContent = v);\n' +
      'draw(view);\nimport.meta.hot.accept("./view.ts", (m) => m && draw(m.view));\n',
    "src/view.ts": 'export const view = "view 1";\n',
  });
  const overlay_matches = (page, re) =>
    page.waitForFunction(
      (source) => new RegExp(source).test(document.querySelector("hmrc-error-overlay")?.shadowRoot.textContent ?? ""),
      re.source,
    );

  test("a file deleted then restored: the page says which file is missing, then comes back", async () => {
    const server = await serve(view_app());
    const page = await open(server);
    const reloaded = page.waitForEvent("load");
    unlinkSync(path.join(server.dir, "src/view.ts"));
    await reloaded;
    await overlay_matches(page, /"\/src\/view\.ts" not found, imported by src\/main\.ts/);
    await server.waitForLine(/^page reload: src\/view\.ts was deleted/);
    assert.match(server.errors, /src\/main\.ts: error: "\/src\/view\.ts" not found, imported by src\/main\.ts .*\[IMP001\]/);
    server.write("src/view.ts", 'export const view = "view 2";\n');
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "view 2");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.close();
  });

  test("a file renamed: the overlay names the import left behind; fixing the import recovers", async () => {
    const server = await serve(view_app());
    const page = await open(server);
    const reloaded = page.waitForEvent("load");
    renameSync(path.join(server.dir, "src/view.ts"), path.join(server.dir, "src/shown.ts"));
    await reloaded;
    await overlay_matches(page, /"\/src\/view\.ts" not found, imported by src\/main\.ts/);
    server.write("src/main.ts", readFileSync(path.join(server.dir, "src/main.ts"), "utf8").replaceAll("./view.ts", "./shown.ts"));
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "view 1");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.close();
  });
  test("the connection dropping while an update loads: the page reloads as it reconnects", async () => {
    let server = await serve(view_app());
    const page = await open(server);
    const port = server.port;
    // The server goes away just as the page fetches the new version.
    let stopped = null;
    await page.route(/\/src\/view\.ts\?t=/, async (route) => {
      stopped ??= server.stop();
      await stopped;
      await route.abort("connectionreset");
    });
    server.write("src/view.ts", 'export const view = "view 2";\n');
    await overlay_matches(page, /view\.ts/);
    await stopped;
    await page.unroute(/\/src\/view\.ts\?t=/);
    const reloaded = page.waitForEvent("load", { timeout: 15000 });
    server = await startServer({}, { dir: server.dir, args: ["--port", String(port), "--strict-port"] });
    servers.push(server);
    await reloaded;
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "view 2");
    await page.close();
  });
  test("a save while the previous update is still applying: the page ends on the last save", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts":
        'import { view } from "./view.ts";\nconst draw = (v: string) => (document.querySelector("#out")!.textContent = v);\n' +
        "draw(view);\nimport.meta.hot.accept(\"./view.ts\", async (m) => {\n  (window as any).__applying = m?.view;\n" +
        "  await new Promise((r) => setTimeout(r, 400));\n  if (m) draw(m.view);\n});\n",
      "src/view.ts": 'export const view = "view 1";\n',
    });
    const page = await open(server);
    server.write("src/view.ts", 'export const view = "view 2";\n');
    await page.waitForFunction(() => window.__applying === "view 2");
    server.write("src/view.ts", 'export const view = "view 3";\n');
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "view 3");
    await page.waitForTimeout(600);
    assert.equal(await out(page), "view 3");
    assert.equal(await page.locator("hmrc-error-overlay").count(), 0);
    assert.ok(await same_page(page));
    await page.close();
  });
  test("a rejected dynamic import: the error is on the overlay; fixing the file makes the import work", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts":
        'document.querySelector("#out")!.textContent = "ready";\n' +
        'document.querySelector<HTMLButtonElement>("#inc")!.onclick = () =>\n' +
        '  import("./lazy.ts").then((m) => (document.querySelector("#out")!.textContent = m.lazy), () => {});\n',
      "src/lazy.ts": 'export const lazy = "lazy" +;\n',
    });
    const page = await open(server);
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "ready");
    await page.click("#inc");
    await overlay_matches(page, /src\/lazy\.ts:1:\d+/);
    server.write("src/lazy.ts", 'export const lazy = "lazy loaded";\n');
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    // The browser keeps the failed import for the page's life: the page reloads.
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "ready" && !window.__same_page);
    await page.click("#inc");
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "lazy loaded");
    await page.close();
  });
  test("a page opened while an import names no file: the overlay names it; creating the file brings the page up", async () => {
    const server = await serve({
      "index.html": page_html("/src/main.ts"),
      "src/main.ts": 'import { later } from "./later";\ndocument.querySelector("#out")!.textContent = later;\n',
    });
    const page = await open(server, "hmrc-error-overlay");
    assert.match(await overlay_text(page), /"\/src\/later" not found, imported by src\/main\.ts/);
    server.write("src/later.ts", 'export const later = "written later";\n');
    await page.waitForFunction(() => document.querySelector("#out")?.textContent === "written later");
    await page.waitForFunction(() => !document.querySelector("hmrc-error-overlay"));
    await page.close();
  });
});
