// The browser client under Node, with the `ws` package: hello and version
// check, custom events both ways, overlay on errors and cleared by a good
// update, ws:connect/ws:disconnect and reconnect with backoff. The version
// check ends in a full reload, which is final: this file has its own process.
import assert from "node:assert/strict";
import { register } from "node:module";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { WebSocketServer } from "ws";
import { WebSocket } from "ws";
import { hmrc } from "../helpers.mjs";
import { host, Project, runtimeUrl, takeTrace } from "./harness.mjs";

// The client imports the runtime as the page does, by "/@hmrc/runtime.js".
const hook = `export async function resolve(s, c, next) { return s === "/@hmrc/runtime.js" ? { url: ${JSON.stringify(runtimeUrl)}, shortCircuit: true } : next(s, c); }`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
const clientPath = path.join(path.dirname(new URL(runtimeUrl).pathname), "client.js");
assert.equal(hmrc(["runtime", "--client", "-o", clientPath]).status, 0);
const client = await import(pathToFileURL(clientPath).href);

const until = async (what, ms = 5000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

test("backoff doubles from 100 ms to 5 s with jitter; the socket URL follows the page", () => {
  const mid = () => 0.5;
  assert.deepEqual([0, 1, 2, 5, 6, 30].map((n) => client.backoffDelay(n, mid)), [100, 200, 400, 3200, 5000, 5000]);
  assert.equal(client.backoffDelay(0, () => 0), 75);
  assert.equal(client.backoffDelay(0, () => 1), 125);
  assert.equal(client.socketUrl("https://h:8443/a/b.html?x"), "wss://h:8443/@hmrc/ws");
  assert.equal(client.socketUrl("http://localhost:5173/"), "ws://localhost:5173/@hmrc/ws");
  assert.deepEqual(client.describeError({ file: "src/b.ts", line: 3, column: 7, code: "S001", message: "m", frame: "f" }), {
    where: "src/b.ts:3:7",
    code: "S001",
    message: "m",
    frame: "f",
  });
});

// Just enough of the DOM for the overlay: elements with children and text.
function fakeDocument() {
  const make = (tag) => ({
    tag,
    children: [],
    textContent: "",
    className: "",
    listeners: {},
    append(...c) { this.children.push(...c); for (const x of c) x.parent = this; },
    attachShadow() { this.shadow = make("#shadow"); return this.shadow; },
    addEventListener(type, cb) { this.listeners[type] = cb; },
    remove() { this.parent.children.splice(this.parent.children.indexOf(this), 1); },
  });
  const documentElement = make("html");
  return { documentElement, createElement: make };
}
const textOf = (el) => [el.textContent, ...el.children.map(textOf), ...(el.shadow ? [textOf(el.shadow)] : [])].join("");

test("the error overlay shows code, file:line:col, message and frame; clear and click remove it", () => {
  const document = fakeDocument();
  const overlay = client.domOverlay(document);
  const frame = "  2 | let a = 1;\n> 3 | let b = ;\n    |         ^";
  overlay.show([{ file: "src/b.ts", line: 3, column: 9, code: "S001", message: "expected an expression", frame }]);
  assert.equal(document.documentElement.children.length, 1);
  const text = textOf(document.documentElement.children[0]);
  for (const part of ["S001", "src/b.ts:3:9", "expected an expression", frame]) assert.ok(text.includes(part), part);
  overlay.show([{ message: "second" }]);
  assert.equal(document.documentElement.children.length, 1, "a new error replaces the overlay");
  overlay.clear();
  assert.equal(document.documentElement.children.length, 0);
  overlay.show([{ message: "third" }]);
  document.documentElement.children[0].listeners.click();
  assert.equal(document.documentElement.children.length, 0);
});

test("the client against a WebSocket server", async () => {
  const server = new WebSocketServer({ port: 0 });
  await new Promise((r) => server.on("listening", r));
  let version = "v1";
  const sockets = [];
  const received = [];
  server.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (m) => received.push(JSON.parse(String(m))));
    socket.send(JSON.stringify({ type: "hello", version }));
  });
  const p = new Project({
    "page.js": [
      `import.meta.hot.on("vite:ws:connect", () => trace.push("connect"));`,
      `import.meta.hot.on("bun:ws:disconnect", () => trace.push("disconnect"));`,
      `import.meta.hot.on("server:hi", (d) => trace.push(["hi", d]));`,
      `export const ping = () => import.meta.hot.send("page:ping", { n: 1 });`,
    ].join("\n"),
    "m.js": `export const v = 1;\nimport.meta.hot.accept();\n`,
  });
  const page = await p.import("page.js");
  await p.import("m.js");
  const overlay = { shown: [], cleared: 0, show(e) { this.shown.push(e); }, clear() { this.cleared++; } };
  const c = client.startClient({ WebSocket, url: `ws://127.0.0.1:${server.address().port}/@hmrc/ws`, overlay });
  try {
    await until(() => globalThis.trace.includes("connect"));
    takeTrace();

    page.ping();
    await until(() => received.length > 0);
    assert.deepEqual(received, [{ type: "custom", event: "page:ping", data: { n: 1 } }]);

    sockets[0].send(JSON.stringify({ type: "custom", event: "server:hi", data: [1, 2] }));
    await until(() => globalThis.trace.length > 0);
    assert.deepEqual(takeTrace(), [["hi", [1, 2]]]);

    const error = { file: "m.js", line: 1, column: 18, code: "S001", message: "expected an expression", frame: "> 1 | ..." };
    sockets[0].send(JSON.stringify({ type: "error", errors: [error] }));
    await until(() => overlay.shown.length > 0);
    assert.deepEqual(overlay.shown, [[error]]);

    p.write({ "m.js": `export const v = 2;\nimport.meta.hot.accept();\n` });
    version = "v2";
    sockets[0].send(JSON.stringify({ type: "update", version, timestamp: 77, modules: [p.id("m.js")] }));
    await until(() => overlay.cleared > 0);
    assert.equal((await p.import("m.js")).v, 2);

    // Connection lost: ws:disconnect, reconnect, same files: no reload.
    sockets[0].terminate();
    await until(() => globalThis.trace.filter((e) => e === "connect").length === 1);
    assert.deepEqual(takeTrace(), ["disconnect", "connect"]);
    assert.deepEqual(host.reloads, []);

    // Files changed while disconnected: a full reload.
    version = "v3";
    sockets[1].terminate();
    await until(() => host.reloads.length > 0);
    assert.deepEqual(host.reloads, ["files changed while the page was disconnected from the dev server"]);
  } finally {
    c.close();
    server.close();
  }
});
