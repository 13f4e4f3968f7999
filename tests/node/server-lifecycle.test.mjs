// hmrc serve starting and stopping: taken ports, SIGTERM/SIGINT within a
// second, and the port free again at once.
import assert from "node:assert/strict";
import net from "node:net";
import { test } from "node:test";
import { hmrc } from "./helpers.mjs";
import { openPage, startServer } from "./server-helpers.mjs";

async function timedStop(server, signal) {
  const start = performance.now();
  const exited = new Promise((resolve) => server.child.on("exit", (code, sig) => resolve({ code, sig })));
  server.child.kill(signal);
  const result = await exited;
  return { ...result, ms: performance.now() - start };
}

for (const signal of ["SIGTERM", "SIGINT"]) {
  test(`${signal} with open connections exits 0 within a second; the port is reusable at once`, async () => {
    const server = await startServer({ "index.html": "<p>hi</p>", "a.ts": "export const a = 1;\n" });
    const page = openPage(server.port);
    await page.next("hello");
    await (await fetch(server.url + "/a.ts")).text();
    const idle = net.connect(server.port, "127.0.0.1");
    idle.on("error", () => {});
    idle.write("GET / HTTP/1.1\r\nHost: localhost\r\n");
    const { code, ms } = await timedStop(server, signal);
    assert.equal(code, 0);
    assert.ok(ms < 1000, `took ${ms} ms`);
    idle.destroy();
    const again = await startServer({}, { dir: server.dir, args: ["--port", String(server.port), "--strict-port"] });
    assert.equal(again.port, server.port);
    assert.equal((await fetch(again.url + "/a.ts")).status, 200);
    await again.stop();
  });
}

test("a taken port: the next free one is used and printed; --strict-port fails", async () => {
  const blocker = net.createServer();
  await new Promise((r) => blocker.listen(0, "127.0.0.1", r));
  const taken = blocker.address().port;
  try {
    const server = await startServer({ "index.html": "x" }, { args: ["--port", String(taken)] });
    assert.notEqual(server.port, taken);
    assert.ok(server.port > taken);
    assert.ok(server.lines.some((l) => l === `hmrc serve: port ${taken} is in use; using port ${server.port} instead`), server.lines.join("\n"));
    await server.stop();
    const strict = hmrc(["serve", server.dir, "--port", String(taken), "--strict-port"]);
    assert.equal(strict.status, 2);
    assert.match(strict.stderr, new RegExp(`port ${taken} is in use \\(--strict-port\\)`));
  } finally {
    blocker.close();
  }
});

test("usage errors: a missing folder, a host that is not an address", () => {
  const missing = hmrc(["serve", "/nonexistent/folder"]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /'\/nonexistent\/folder' is not a folder/);
  const host = hmrc(["serve", ".", "--host", "example.com", "--port", "0"]);
  assert.equal(host.status, 2);
  assert.match(host.stderr, /--host 'example.com' is not an IP address or localhost/);
  const help = hmrc(["serve", "--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--port/);
});

test("a closed terminal (stdout pipe gone) does not stop the server", async () => {
  const server = await startServer({ "a.ts": "export const a = 1;\n" });
  server.child.stdout.destroy();
  for (let i = 0; i < 20; i++) {
    const res = await fetch(server.url + "/a.ts", { headers: { host: "evil.com" } }).catch(() => null);
    // Node's fetch may refuse to set Host; the log line comes from the WebSocket then.
    if (res) await res.text();
    const page = openPage(server.port);
    await page.next("hello");
    page.ws.send(JSON.stringify({ type: "invalidate", id: "/a.ts", message: "log this" }));
    page.close();
  }
  assert.equal((await fetch(server.url + "/a.ts")).status, 200);
  assert.equal(server.child.exitCode, null);
  assert.equal(await server.stop(), 0);
});

test("SIGTERM while a worker compiles a large module still exits 0 within a second", async () => {
  const unit = "export function f@(a: number): number {\n  return [a, a + 1].map((x) => x * 2).length;\n}\n";
  const huge = Array.from({ length: 40000 }, (_, i) => unit.replaceAll("@", String(i))).join("");
  const server = await startServer({ "huge.ts": huge });
  const request = fetch(server.url + "/huge.ts").catch(() => null);
  await new Promise((r) => setTimeout(r, 100)); // the compile is under way
  const { code, ms } = await timedStop(server, "SIGTERM");
  assert.equal(code, 0);
  assert.ok(ms < 1000, `took ${ms} ms`);
  await request;
});
