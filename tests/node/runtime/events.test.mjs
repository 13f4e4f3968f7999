// Built-in events under both their bun: and vite: names, in order; listeners
// of a replaced module are removed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Project, runtime, takeTrace, takeTrace as takeAll } from "./harness.mjs";

const events = ["beforeUpdate", "afterUpdate", "beforeFullReload", "beforePrune", "invalidate", "error", "ws:disconnect", "ws:connect"];

test("every built-in event fires under both names, in order", async () => {
  const listen = events
    .flatMap((e) => [`import.meta.hot.on("bun:${e}", () => trace.push("bun:${e}"));`, `import.meta.hot.on("vite:${e}", () => trace.push("vite:${e}"));`])
    .join("\n");
  const p = new Project({
    "listener.js": `${listen}\nexport {};\n`,
    "leaf.js": `export const x = 1;\n`,
    "m.js": `import "./leaf.js";\nexport function giveUp() { import.meta.hot.invalidate("no"); }\nimport.meta.hot.accept();\n`,
    "app.js": `import "./m.js";\nimport.meta.hot.accept();\n`,
  });
  await p.import("listener.js");
  await p.import("app.js");
  takeTrace();

  await p.update({ "m.js": `export function giveUp() { import.meta.hot.invalidate("no"); }\nimport.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), ["bun:beforeUpdate", "vite:beforeUpdate", "bun:beforePrune", "vite:beforePrune", "bun:afterUpdate", "vite:afterUpdate"]);

  await p.update({ "m.js": `throw new Error("x");\n` });
  assert.deepEqual(takeTrace(), ["bun:beforeUpdate", "vite:beforeUpdate", "bun:error", "vite:error", "bun:afterUpdate", "vite:afterUpdate"]);

  await p.update({ "m.js": `export function giveUp() { import.meta.hot.invalidate("no"); }\nimport.meta.hot.accept();\n` });
  takeTrace();
  (await import(p.url("m.js"))).giveUp();
  await runtime.applyUpdate([]);
  assert.deepEqual(takeTrace(), ["bun:invalidate", "vite:invalidate", "bun:beforeUpdate", "vite:beforeUpdate", "bun:afterUpdate", "vite:afterUpdate"]);

  // What the WebSocket client emits.
  runtime.emit("ws:disconnect", {});
  runtime.emit("ws:connect", {});
  assert.deepEqual(takeTrace(), ["bun:ws:disconnect", "vite:ws:disconnect", "bun:ws:connect", "vite:ws:connect"]);

  // Compile errors from the server are `error` events too.
  await runtime.handleMessage({ type: "error", errors: [{ file: "src/b.ts", line: 3, column: 7, code: "S001", message: "m", frame: "f" }] });
  assert.deepEqual(takeTrace(), ["bun:error", "vite:error"]);
});

test("off removes a listener under either name; a replaced module's listeners are removed", async () => {
  // The listeners of the test before are still there: keep only this test's.
  const takeTrace = () => takeAll().filter((e) => !e.startsWith("bun:") && !e.startsWith("vite:"));
  const m = (v) =>
    `const f = () => trace.push("f${v}");\nimport.meta.hot.on("vite:afterUpdate", f);\nimport.meta.hot.on("bun:beforeUpdate", () => trace.push("before${v}"));\nexport const stop = () => import.meta.hot.off("bun:afterUpdate", f);\nimport.meta.hot.accept();\n`;
  const p = new Project({ "m.js": m(1), "other.js": `export const o = 1;\nimport.meta.hot.accept();\n` });
  const first = await p.import("m.js");
  await p.import("other.js");
  await p.update({ "other.js": `export const o = 2;\nimport.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), ["before1", "f1"]);
  first.stop();
  await p.update({ "other.js": `export const o = 3;\nimport.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), ["before1"]);
  await p.update({ "m.js": m(2) });
  // The old instance's beforeUpdate listener still hears this update's start; then it is gone.
  assert.deepEqual(takeTrace(), ["before1", "f2"]);
  await p.update({ "other.js": `export const o = 4;\nimport.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), ["before2", "f2"]);
});
