// hmrc serve over HTTP: what it serves, what it refuses, and what it survives.
import assert from "node:assert/strict";
import { mkdirSync, realpathSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { tempDir } from "./helpers.mjs";
import { get, rawRequest, sleep, startServer, statusOf } from "./server-helpers.mjs";

const files = {
  "index.html": "<!doctype html>\n<html lang=en>\n<HEAD><title>t</title></HEAD><body></body></html>\n",
  "docs/index.html": "<p>no head here</p>\n",
  "src/main.ts": 'import { b } from "./b.ts";\nconst n: number = b;\nconsole.log(n);\n',
  "src/b.ts": "export const b = 2;\nimport.meta.hot.accept();\n",
  "src/view.ts": "export const view = 1;\n",
  "src/broken.ts": "export const x = ;\n",
  "src/card.tsx": "export const card = <p>hi</p>;\n",
  "style.css": "body { color: red }\n",
  "data.json": '{"a":1}\n',
  "logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
  "img.png": "\x89PNG fake\n",
  "font.woff2": "wOF2",
  "big.bin": "x".repeat(8 << 20),
};

describe("hmrc serve over HTTP", () => {
  let server;
  let secret;
  before(async () => {
    const outside = tempDir("hmrc-outside-");
    secret = path.join(outside, "secret.txt");
    writeFileSync(secret, "top secret\n");
    const dir = tempDir("hmrc-serve-");
    mkdirSync(path.join(dir, "src"), { recursive: true });
    symlinkSync(secret, path.join(dir, "leak.txt"));
    symlinkSync(outside, path.join(dir, "outside"));
    symlinkSync(path.join(dir, "style.css"), path.join(dir, "alias.css"));
    server = await startServer(files, { dir });
  });
  after(async () => {
    await server.stop();
  });

  test("index.html for / gets the client script first in <head>", async () => {
    const res = await fetch(server.url + "/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/html; charset=utf-8");
    const html = await res.text();
    // The import map (of the runtime here; server-firstload.test.mjs) comes first, then the client.
    assert.match(html, /^<!doctype html>\n<html lang=en>\n<HEAD><script type="importmap">[^\n]*<\/script>\n<script type="module" src="\/@hmrc\/client.js\?v=[0-9a-f]{16}"><\/script><title>/);
  });

  test("folders redirect to their slash form and serve their index.html, with a head added", async () => {
    const redirect = await fetch(server.url + "/docs", { redirect: "manual" });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get("location"), "/docs/");
    const html = await (await fetch(server.url + "/docs/")).text();
    assert.match(html, /^<script type="importmap">.*<script type="module" src="\/@hmrc\/client.js\?v=[0-9a-f]{16}"><\/script><p>no head here<\/p>\n$/s);
  });

  test("static files get their MIME types", async () => {
    const expect = {
      "/style.css": "text/css; charset=utf-8",
      "/data.json": "application/json; charset=utf-8",
      "/logo.svg": "image/svg+xml",
      "/img.png": "image/png",
      "/font.woff2": "font/woff2",
      "/big.bin": "application/octet-stream",
    };
    for (const [url, type] of Object.entries(expect)) {
      const res = await fetch(server.url + url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get("content-type"), type, url);
      assert.equal(res.headers.get("access-control-allow-origin"), null, url);
      await res.arrayBuffer();
    }
  });

  test("modules are compiled in dev with a source map, the same for any ?t=", async () => {
    const res = await fetch(server.url + "/src/b.ts");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    const code = await res.text();
    assert.match(code, /__hmrc_createHotContext\("\/src\/b\.ts"/);
    assert.match(code, /\/\/# sourceMappingURL=b\.ts\.map\n?$/);
    assert.match(res.headers.get("server-timing"), /^compile;dur=\d+\.\d{3}$/);
    const again = await fetch(server.url + "/src/b.ts?t=123");
    assert.equal(await again.text(), code);
    assert.match(again.headers.get("server-timing"), /^cache;desc=hit;dur=/);
    assert.equal(again.headers.get("etag"), res.headers.get("etag"));
    const map = await (await fetch(server.url + "/src/b.ts.map")).json();
    assert.equal(map.version, 3);
    assert.deepEqual(map.sources, ["b.ts"]);
    assert.equal(map.sourcesContent[0], files["src/b.ts"]);
  });

  test("a served .tsx module gives jsxDEV the file's real path, as the CLI gives the input's", async () => {
    // React's warnings and editor links read fileName; "<stdin>" points nowhere.
    const code = await (await fetch(server.url + "/src/card.tsx")).text();
    const file = path.join(realpathSync(server.dir), "src/card.tsx");
    assert.ok(code.includes(`fileName: ${JSON.stringify(file)}, lineNumber: 1, columnNumber: 21`), code);
  });

  test("an import written without extension finds the .ts file", async () => {
    const res = await fetch(server.url + "/src/view");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
  });

  test("a module that does not compile answers 500 with the error", async () => {
    const res = await fetch(server.url + "/src/broken.ts");
    assert.equal(res.status, 500);
    assert.match(await res.text(), /src\/broken\.ts:1:18: error: .*\[S001\]/);
  });

  test("ETag and If-None-Match give 304 for files and modules", async () => {
    for (const url of ["/style.css", "/src/b.ts", "/"]) {
      const first = await fetch(server.url + url);
      const etag = first.headers.get("etag");
      await first.text();
      assert.match(etag, /^"[0-9a-f]{16}"$/);
      const second = await fetch(server.url + url, { headers: { "if-none-match": etag } });
      assert.equal(second.status, 304, url);
      const other = await fetch(server.url + url, { headers: { "if-none-match": '"0000000000000000"' } });
      assert.equal(other.status, 200, url);
      await other.text();
    }
  });

  test("HEAD gets headers only; other methods 405", async () => {
    const head = await rawRequest(server.port, `HEAD /style.css HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(head), 200);
    assert.match(head, /Content-Length: 20\r\n/);
    assert.ok(head.endsWith("\r\n\r\n"), head);
    const post = await rawRequest(server.port, `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi`);
    assert.equal(statusOf(post), 405);
  });

  test("paths outside the folder are refused however they are written", async () => {
    for (const target of [
      "/../../../../etc/passwd",
      "/src/../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/src/..%2f..%2f..%2fetc/passwd",
      "/..\\..\\etc\\passwd",
    ]) {
      const res = await get(server.port, target);
      assert.equal(statusOf(res), 403, target);
      assert.doesNotMatch(res, /root:/, target);
    }
    for (const target of ["/leak.txt", "/outside/secret.txt"]) {
      const res = await get(server.port, target);
      assert.equal(statusOf(res), 403, target);
      assert.doesNotMatch(res, /top secret/);
    }
    assert.equal(statusOf(await get(server.port, "/alias.css")), 200, "a symlink inside the folder is fine");
    assert.equal(statusOf(await get(server.port, "/%zz")), 400);
    assert.equal(statusOf(await get(server.port, "/a%00b")), 400);
    assert.equal(statusOf(await get(server.port, "http://evil.com/")), 400);
  });

  test("the Host header must be ours", async () => {
    for (const host of ["evil.com", "evil.com:5173", "127.0.0.1.nip.io", "localhost.evil.com"]) {
      const res = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.equal(statusOf(res), 403, host);
    }
    for (const host of ["localhost", `localhost:${server.port}`, "127.0.0.1", `[::1]:${server.port}`, "app.localhost"]) {
      const res = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      assert.equal(statusOf(res), 200, host);
    }
    const none = await rawRequest(server.port, `GET / HTTP/1.0\r\n\r\n`);
    assert.equal(statusOf(none), 400);
  });

  test("malformed requests get 400, oversized headers 431, and the server goes on", async () => {
    assert.equal(statusOf(await rawRequest(server.port, "GARBAGE\r\n\r\n")), 400);
    assert.equal(statusOf(await rawRequest(server.port, "GET / HTTP/9.9\r\nHost: x\r\n\r\n")), 400);
    assert.equal(statusOf(await rawRequest(server.port, "GET / HTTP/1.1\r\nHost localhost\r\n\r\n")), 400);
    const huge = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"a".repeat(64 * 1024)}\r\n\r\n`;
    assert.equal(statusOf(await rawRequest(server.port, huge)), 431);
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) & 255));
    await rawRequest(server.port, binary, { timeout: 500 });
    assert.equal((await fetch(server.url + "/style.css")).status, 200);
  });

  test("slowloris connections do not stall other clients", async () => {
    const slow = [];
    for (let i = 0; i < 50; i++) {
      const s = net.connect(server.port, "127.0.0.1");
      s.on("error", () => {});
      s.write("GET / HTTP/1.1\r\nHost: local");
      slow.push(s);
    }
    const drip = setInterval(() => slow.forEach((s) => s.write("h")), 50);
    try {
      const start = performance.now();
      for (let i = 0; i < 20; i++) assert.equal((await fetch(server.url + "/src/b.ts")).status, 200);
      assert.ok(performance.now() - start < 2000, "20 requests took over 2 s next to 50 slow clients");
    } finally {
      clearInterval(drip);
      slow.forEach((s) => s.destroy());
    }
  });

  test("a client closing mid-response and a file deleted while served do no harm", async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => {
        const s = net.connect(server.port, "127.0.0.1", () => s.write(`GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n`));
        s.once("data", () => {
          s.destroy();
          resolve();
        });
        s.on("error", resolve);
      });
    }
    writeFileSync(path.join(server.dir, "gone.txt"), "x".repeat(1 << 20));
    const pending = fetch(server.url + "/gone.txt");
    unlinkSync(path.join(server.dir, "gone.txt"));
    const res = await pending;
    assert.ok([200, 404].includes(res.status));
    await res.arrayBuffer();
    assert.equal((await fetch(server.url + "/gone.txt")).status, 404);
    assert.equal((await fetch(server.url + "/style.css")).status, 200);
    assert.equal(server.child.exitCode, null);
  });

  test("keep-alive: several requests on one connection", async () => {
    const twice = `GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\nGET /data.json HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
    const res = await rawRequest(server.port, twice);
    assert.equal(res.match(/HTTP\/1\.1 200 OK/g).length, 2);
  });

  test("a large module compiles on a worker: other requests are answered meanwhile, and requests of it share one compile", async () => {
    // About 2.5 MB of TypeScript: a compile of a second or so here.
    const unit = "export function f@(a: number, b: string): string {\n  const list: Array<number> = [a, a + 1];\n  return b + list.map((x) => x * 2).join(',');\n}\n";
    const source = Array.from({ length: 18000 }, (_, i) => unit.replaceAll("@", String(i))).join("");
    writeFileSync(path.join(server.dir, "src/huge.ts"), source);
    const order = [];
    const huge = [fetch(server.url + "/src/huge.ts"), fetch(server.url + "/src/huge.ts?t=2")].map((p) =>
      p.then(async (res) => {
        order.push("huge");
        return { status: res.status, timing: res.headers.get("server-timing"), body: await res.text() };
      }),
    );
    await sleep(20);
    for (let i = 0; i < 3; i++) {
      assert.equal((await fetch(server.url + "/style.css")).status, 200);
      assert.equal((await fetch(server.url + "/src/view.ts")).status, 200);
    }
    order.push("small");
    const [a, b] = await Promise.all(huge);
    assert.deepEqual(order, ["small", "huge", "huge"]);
    assert.equal(a.status, 200);
    assert.match(a.body, /export function f17999|f17999/);
    // One compile served both: the same Server-Timing figure.
    assert.match(a.timing, /^compile;dur=/);
    assert.equal(a.timing, b.timing);
    assert.equal(a.body, b.body);
  });

  test("an idle keep-alive connection outlives the 10 s request deadline (an update's fetch after a pause reuses it)", async () => {
    const socket = net.connect(server.port, "127.0.0.1");
    let data = "";
    socket.on("data", (d) => (data += d.toString("latin1")));
    const closed = new Promise((resolve) => socket.on("close", resolve));
    const answers = () => (data.match(/HTTP\/1\.1 200 OK/g) ?? []).length;
    const request = "GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n";
    socket.write(request);
    while (answers() < 1) await sleep(10);
    await sleep(11000);
    socket.write(request);
    const start = performance.now();
    while (answers() < 2 && performance.now() - start < 3000) await sleep(10);
    assert.equal(answers(), 2, `the connection was closed: ${JSON.stringify(data.slice(-200))}`);
    socket.destroy();
    await closed;
  });

  test("the embedded runtime files are served under /@hmrc/", async () => {
    for (const url of ["/@hmrc/runtime.js", "/@hmrc/client.js"]) {
      const res = await fetch(server.url + url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get("content-type"), "text/javascript; charset=utf-8");
      assert.match(res.headers.get("etag"), /^"[0-9a-f]{16}"$/);
      assert.match(await res.text(), /export /);
    }
    const res = await fetch(server.url + "/@hmrc/nope.js");
    assert.equal(res.status, 404);
    const ws = await fetch(server.url + "/@hmrc/ws");
    assert.equal(ws.status, 426);
  });
});
