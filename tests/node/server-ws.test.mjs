// hmrc serve's WebSocket and watcher: hello, update, error, full-reload,
// custom relay, and the editor habits the watcher must survive.
import assert from "node:assert/strict";
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { openPage, sleep, startServer } from "./server-helpers.mjs";

const files = {
  "index.html": "<html><head></head><body><script type=module src=/src/main.ts></script></body></html>\n",
  "src/main.ts": 'import { label } from "./label.ts";\nimport { count } from "./counter.ts";\nconsole.log(label, count);\n',
  "src/label.ts": "export const label = 'a';\nimport.meta.hot.accept();\n",
  "src/counter.ts": "export let count = 0;\nimport.meta.hot.accept();\n",
  "src/leaf.ts": "export const leaf = 1;\n",
  "src/uses-leaf.ts": 'import { leaf } from "./leaf.ts";\nimport.meta.hot.accept("./leaf.ts", () => {});\nexport const x = leaf;\n',
  "style.css": "body {}\n",
};

describe("hmrc serve WebSocket and watcher", () => {
  let server;
  const write = (rel, text) => writeFileSync(path.join(server.dir, rel), text);
  before(async () => {
    server = await startServer(files);
    for (const url of ["/", "/src/main.ts", "/src/label.ts", "/src/counter.ts", "/src/uses-leaf.ts", "/src/leaf.ts", "/style.css"])
      assert.equal((await fetch(server.url + url)).status, 200, url);
  });
  after(async () => {
    await server.stop();
  });

  test("hello carries a version that changes only when a file does", async () => {
    const a = openPage(server.port);
    await a.opened;
    const hello = await a.next("hello");
    assert.match(hello.version, /^[0-9a-f]{16}$/);
    const b = openPage(server.port);
    assert.equal((await b.next("hello")).version, hello.version);
    write("src/label.ts", "export const label = 'b';\nimport.meta.hot.accept();\n");
    const update = await a.next("update");
    assert.notEqual(update.version, hello.version);
    const c = openPage(server.port);
    assert.equal((await c.next("hello")).version, update.version);
    [a, b, c].forEach((p) => p.close());
  });

  test("a saved module is pushed as an update and logged with its time", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    const before = Date.now();
    write("src/counter.ts", "export let count = 1;\nimport.meta.hot.accept();\n");
    const update = await page.next("update");
    assert.deepEqual(update.modules, ["/src/counter.ts"]);
    assert.ok(update.timestamp >= before - 1000 && update.timestamp <= Date.now() + 1000);
    await server.waitForLine(/^hmr update src\/counter\.ts \(\d+\.\d ms\)$/);
    page.close();
  });

  test("saving a file unchanged sends nothing; editor temp files are ignored", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    write("src/counter.ts", "export let count = 1;\nimport.meta.hot.accept();\n");
    write("src/.counter.ts.swp", "vim swap");
    write("src/4913", "");
    write("src/counter.ts~", "backup");
    await sleep(150);
    assert.deepEqual(page.messages, []);
    page.close();
  });

  test("files saved together become one update", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    // Both writes under way before either ends: the watcher holds the batch
    // while a file is being written, so this does not depend on timing.
    const label = openSync(path.join(server.dir, "src/label.ts"), "w");
    const counter = openSync(path.join(server.dir, "src/counter.ts"), "w");
    writeSync(label, "export const label = 'together';\nimport.meta.hot.accept();\n");
    writeSync(counter, "export let count = 2;\nimport.meta.hot.accept();\n");
    closeSync(label);
    await sleep(5);  // longer than the watcher's quiet period
    closeSync(counter);
    const update = await page.next("update");
    assert.deepEqual(update.modules.sort(), ["/src/counter.ts", "/src/label.ts"]);
    await sleep(100);
    assert.deepEqual(page.messages, []);
    page.close();
  });

  test("atomic saves (write elsewhere, rename over) and vim's backup dance are seen", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    const tmp = path.join(server.dir, "src/.label.ts.tmp-123");
    writeFileSync(tmp, "export const label = 'atomic';\nimport.meta.hot.accept();\n");
    renameSync(tmp, path.join(server.dir, "src/label.ts"));
    assert.deepEqual((await page.next("update")).modules, ["/src/label.ts"]);
    // vim with backupcopy=no: 4913 probe, rename to label.ts~, write anew, delete backup.
    write("src/4913", "");
    rmSync(path.join(server.dir, "src/4913"));
    renameSync(path.join(server.dir, "src/label.ts"), path.join(server.dir, "src/label.ts~"));
    write("src/label.ts", "export const label = 'vim';\nimport.meta.hot.accept();\n");
    rmSync(path.join(server.dir, "src/label.ts~"));
    assert.deepEqual((await page.next("update")).modules, ["/src/label.ts"]);
    await sleep(100);
    assert.deepEqual(page.messages.map((m) => m.type), []);
    page.close();
  });

  test("a compile error is pushed to pages, also to pages that connect later, and cleared by the next good build", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    write("src/counter.ts", "export let count = ;\n");
    const error = await page.next("error");
    assert.equal(error.errors.length, 1);
    const [e] = error.errors;
    assert.equal(e.file, "src/counter.ts");
    assert.equal(e.line, 1);
    assert.equal(e.column, 20);
    assert.equal(e.code, "S001");
    assert.match(e.message, /unexpected/);
    assert.match(e.frame, /\^/);
    await sleep(50);
    assert.match(server.errors, /src\/counter\.ts:1:20: error: .*\[S001\]/);
    const late = openPage(server.port);
    await late.next("hello");
    assert.equal((await late.next("error")).errors[0].file, "src/counter.ts");
    write("src/counter.ts", "export let count = 3;\nimport.meta.hot.accept();\n");
    assert.deepEqual((await page.next("update")).modules, ["/src/counter.ts"]);
    const fresh = openPage(server.port);
    await fresh.next("hello");
    await sleep(100);
    assert.deepEqual(fresh.messages, []);
    [page, late, fresh].forEach((p) => p.close());
  });

  test("the terminal says what the page will do: boundary, accepting importer, or reload", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    write("src/leaf.ts", "export const leaf = 2;\n");
    assert.deepEqual((await page.next("update")).modules, ["/src/leaf.ts"]);
    await server.waitForLine(/^hmr update src\/leaf\.ts via src\/uses-leaf\.ts \(\d+\.\d ms\)$/);
    write("src/main.ts", 'import { label } from "./label.ts";\nimport { count } from "./counter.ts";\nconsole.log(label, count, 2);\n');
    await page.next("update");
    await server.waitForLine(/^page reload: src\/main\.ts has no accepting boundary$/);
    page.close();
  });

  test("a module no page fetched from this server is still pushed (pages from before a restart run it)", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    write("src/unseen.ts", "export const u = 1;\n");
    assert.deepEqual((await page.next("update")).modules, ["/src/unseen.ts"]);
    await server.waitForLine(/^hmr update src\/unseen\.ts \(not served since start; \d+\.\d ms\)$/);
    write("src/unseen-broken.ts", "export const u = ;\n");
    await sleep(150);
    assert.deepEqual(page.messages, [], "no overlay for a file no page was served");
    page.close();
  });

  test("index.html and served static files changing reload the page", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    write("index.html", "<html><head></head><body>v2<script type=module src=/src/main.ts></script></body></html>\n");
    assert.equal((await page.next("full-reload")).reason, "index.html changed");
    write("style.css", "body { color: blue }\n");
    assert.equal((await page.next("full-reload")).reason, "style.css changed");
    await server.waitForLine(/^page reload: style\.css changed/);
    page.close();
  });

  test("folders created later are watched", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    mkdirSync(path.join(server.dir, "src/new/deeper"), { recursive: true });
    write("src/new/deeper/mod.ts", "export const m = 1;\nimport.meta.hot.accept();\n");
    await sleep(100);
    assert.equal((await fetch(server.url + "/src/new/deeper/mod.ts")).status, 200);
    page.messages.length = 0;
    write("src/new/deeper/mod.ts", "export const m = 2;\nimport.meta.hot.accept();\n");
    assert.deepEqual((await page.next("update")).modules, ["/src/new/deeper/mod.ts"]);
    page.close();
  });

  test("custom events go to every other page; invalidate is logged", async () => {
    const a = openPage(server.port);
    const b = openPage(server.port);
    const c = openPage(server.port);
    await Promise.all([a.next("hello"), b.next("hello"), c.next("hello")]);
    a.ws.send(JSON.stringify({ type: "custom", event: "app:ping", data: { n: 1, s: "x" } }));
    assert.deepEqual(await b.next("custom"), { type: "custom", event: "app:ping", data: { n: 1, s: "x" } });
    assert.deepEqual(await c.next("custom"), { type: "custom", event: "app:ping", data: { n: 1, s: "x" } });
    await sleep(100);
    assert.equal(a.messages.length, 0, "the sender does not get its own event");
    await server.waitForLine(/^custom event "app:ping" from page #\d+ to \d+ other page\(s\)$/);
    a.ws.send(JSON.stringify({ type: "invalidate", id: "/src/label.ts", message: "shape changed" }));
    await server.waitForLine(/^hmr invalidate src\/label\.ts: shape changed$/);
    a.ws.send("not json");
    a.ws.send(JSON.stringify({ type: "custom" }));
    b.ws.send(JSON.stringify({ type: "custom", event: "after", data: null }));
    assert.deepEqual(await a.next("custom"), { type: "custom", event: "after", data: null });
    [a, b, c].forEach((p) => p.close());
  });

  test("WebSocket upgrades from foreign origins or hosts are refused", async () => {
    for (const origin of ["http://evil.com", `http://localhost:${server.port + 1}`, "null", `https://evil.com:${server.port}`]) {
      const page = openPage(server.port, { origin });
      await assert.rejects(page.opened, (e) => e.status === 403, origin);
    }
    const foreignHost = openPage(server.port, { host: "evil.com" });
    await assert.rejects(foreignHost.opened, (e) => e.status === 403);
    for (const origin of [`http://localhost:${server.port}`, `http://127.0.0.1:${server.port}`]) {
      const page = openPage(server.port, { origin });
      await page.opened;
      await page.next("hello");
      page.close();
    }
  });

  test("10,000 files written at once do not stall the server", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    const bulk = path.join(server.dir, "bulk");
    mkdirSync(bulk);
    const start = performance.now();
    for (let i = 0; i < 10000; i++) writeFileSync(path.join(bulk, `f${i}.ts`), `export const v${i} = ${i};\n`);
    const res = await fetch(server.url + "/src/label.ts");
    assert.equal(res.status, 200);
    await sleep(300);
    const probe = performance.now();
    assert.equal((await fetch(server.url + "/style.css")).status, 200);
    const took = performance.now() - probe;
    // Generous: this machine runs other builds; a stall would be seconds.
    assert.ok(took < 1000, `a request after the burst took ${took.toFixed(0)} ms`);
    write("src/label.ts", "export const label = 'after bulk';\nimport.meta.hot.accept();\n");
    let update;
    do update = await page.next("update", 5000);
    while (!update.modules.includes("/src/label.ts"));
    assert.ok(performance.now() - start < 10000);
    // Coalesced: a few batches, not one message per file.
    assert.ok(page.messages.length < 50, `${page.messages.length} messages left`);
    page.close();
  });
});

describe("hmrc serve: the terminal says what the pages did", () => {
  let server;
  const write = (rel, text) => writeFileSync(path.join(server.dir, rel), text);
  // The update lines printed from now on, after `wait` ms.
  const linesAfter = async (start, wait = 1300) => {
    await sleep(wait);
    return server.lines.slice(start).filter((l) => /^(hmr |page reload)/.test(l)).map((l) => l.replace(/ \(\d+\.\d ms\)$/, ""));
  };
  before(async () => {
    server = await startServer({
      "src/app.ts": 'import { d } from "./data.ts";\nconsole.log(d);\n',
      "src/data.ts": "export const d = 1;\n",
    });
    for (const url of ["/src/app.ts", "/src/data.ts"]) assert.equal((await fetch(server.url + url)).status, 200, url);
  });
  after(() => server.stop());

  test("a predicted reload is said once, however many pages confirm it", async () => {
    const [a, b] = [openPage(server.port), openPage(server.port)];
    await Promise.all([a.next("hello"), b.next("hello")]);
    const start = server.lines.length;
    write("src/data.ts", "export const d = 2;\n");
    await Promise.all([a.next("update"), b.next("update")]);
    for (const page of [a, b]) page.ws.send(JSON.stringify({ type: "reload-reason", message: "Module \"src/app.ts\" is not accepted" }));
    assert.deepEqual(await linesAfter(start), ["page reload: src/app.ts has no accepting boundary (reached from src/data.ts)"]);
    await Promise.all([a, b].map((p) => p.close()));
  });

  test("a page that updated where the graph predicted a reload: hmr update, no reload line", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    const start = server.lines.length;
    write("src/data.ts", "export const d = 3;\n");
    await page.next("update");
    page.ws.send(JSON.stringify({ type: "update-result", status: "updated", boundaries: ["/src/data.ts"] }));
    assert.deepEqual(await linesAfter(start), ["hmr update src/data.ts"]);
    await page.close();
  });

  test("an update that failed in the page: its error, instead of the predicted line", async () => {
    const page = openPage(server.port);
    await page.next("hello");
    const start = server.lines.length;
    write("src/data.ts", "export const d = 4;\n");
    await page.next("update");
    page.ws.send(JSON.stringify({ type: "update-result", status: "error", reason: "src/data.ts:1:7: boom" }));
    const [line, ...rest] = await linesAfter(start);
    assert.match(line, /^hmr error in page #\d+: src\/data\.ts:1:7: boom$/);
    assert.deepEqual(rest, []);
    await page.close();
  });

  test("with no page open, the prediction is said at once", async () => {
    // The pages of the tests above are closed (awaited); the server drops a
    // page as it reads the close frame, a moment after the handshake ends.
    await sleep(100);
    const start = server.lines.length;
    write("src/data.ts", "export const d = 5;\n");
    // Well before the wait for a page's report (1 s) would end.
    assert.deepEqual(await linesAfter(start, 500), ["page reload: src/app.ts has no accepting boundary (reached from src/data.ts)"]);
  });
});
