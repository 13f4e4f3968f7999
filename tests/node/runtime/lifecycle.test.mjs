// data, dispose, prune, invalidate, send.
import assert from "node:assert/strict";
import { test } from "node:test";
import { host, Project, runtime, takeTrace } from "./harness.mjs";

test("data survives three updates", async () => {
  const counter = `import.meta.hot.data.n = (import.meta.hot.data.n ?? 0) + 1;\ntrace.push(import.meta.hot.data.n);\nexport {};\n`;
  const p = new Project({ "m.js": counter });
  await p.import("m.js");
  for (let i = 0; i < 3; i++) assert.equal((await p.update({ "m.js": counter })).status, "updated");
  assert.deepEqual(takeTrace(), [1, 2, 3, 4]);
});

test("dispose: every callback, in parallel, awaited, with data, before the new version runs", async () => {
  const m = (v) => [
    `trace.push("run ${v} saw " + import.meta.hot.data.saved);`,
    `import.meta.hot.dispose(async (data) => { trace.push("d1 start ${v}"); await new Promise((r) => setTimeout(r, 30)); data.saved = "${v}"; trace.push("d1 end ${v}"); });`,
    `import.meta.hot.dispose((data) => { trace.push("d2 ${v}"); });`,
    `import.meta.hot.accept();`,
    `export {};`,
  ].join("\n");
  const p = new Project({ "m.js": m(1) });
  await p.import("m.js");
  await p.update({ "m.js": m(2) });
  assert.deepEqual(takeTrace(), ["run 1 saw undefined", "d1 start 1", "d2 1", "d1 end 1", "run 2 saw 1"]);
});

test("dispose runs for every instance replaced: the changed module and the boundary above it", async () => {
  const p = new Project({
    "leaf.js": `import.meta.hot.dispose(() => trace.push("dispose leaf"));\nexport const v = 1;\n`,
    "boundary.js": `import "./leaf.js";\nimport.meta.hot.dispose(() => trace.push("dispose boundary"));\nimport.meta.hot.accept();\n`,
    "app.js": `import "./boundary.js";\nimport.meta.hot.dispose(() => trace.push("dispose app"));\n`,
  });
  await p.import("app.js");
  await p.update({ "leaf.js": `trace.push("leaf 2");\nexport const v = 2;\n` });
  assert.deepEqual(takeTrace().sort(), ["dispose boundary", "dispose leaf", "leaf 2"].sort());
});

test("prune when an import is removed: beforePrune, dispose, prune, then data is dropped", async () => {
  const p = new Project({
    "gone.js": [
      `import.meta.hot.data.seen = (import.meta.hot.data.seen ?? 0) + 1;`,
      `trace.push("gone ran, seen " + import.meta.hot.data.seen);`,
      `import.meta.hot.on("bun:beforePrune", (p) => trace.push(["beforePrune", p.paths]));`,
      `import.meta.hot.dispose(() => trace.push("dispose gone"));`,
      `import.meta.hot.prune((data) => trace.push(["prune gone", data.seen]));`,
      `import "./only-gone.js";`,
    ].join("\n"),
    "only-gone.js": `import.meta.hot.prune(() => trace.push("prune only-gone"));\n`,
    "app.js": `import "./gone.js";\nimport.meta.hot.accept();\n`,
  });
  await p.import("app.js");
  assert.deepEqual(takeTrace(), ["gone ran, seen 1"]);
  await p.update({ "app.js": `import.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), [
    ["beforePrune", [p.id("gone.js"), p.id("only-gone.js")]],
    "dispose gone",
    ["prune gone", 1],
    "prune only-gone",
  ]);
  // Imported again: a fresh evaluation with fresh data.
  await p.update({ "app.js": `import "./gone.js";\nimport.meta.hot.accept();\n` });
  assert.deepEqual(takeTrace(), ["gone ran, seen 1"]);
});

test("invalidate: the module gives up, its importers take the update", async () => {
  const m = (v) =>
    `export const v = ${v};\nimport.meta.hot.accept();\nif (import.meta.hot.data.last !== undefined && ${v} > 2) import.meta.hot.invalidate("v > 2 needs the importer");\nimport.meta.hot.dispose((d) => { d.last = ${v}; });\n`;
  const p = new Project({
    "m.js": m(1),
    "app.js": `import { v } from "./m.js";\ntrace.push("app saw " + v);\nimport.meta.hot.on("vite:invalidate", (e) => trace.push(["invalidate", e.path, e.message]));\nimport.meta.hot.accept();\n`,
  });
  await p.import("app.js");
  await p.update({ "m.js": m(2) });
  assert.deepEqual(takeTrace(), ["app saw 1"]);
  host.sent.length = 0;
  const result = await p.update({ "m.js": m(3) });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), [["invalidate", p.id("m.js"), "v > 2 needs the importer"], "app saw 3"]);
  assert.deepEqual(host.sent, [{ type: "invalidate", id: p.id("m.js"), message: "v > 2 needs the importer" }]);
});

test("invalidate outside an update re-runs the importers", async () => {
  const p = new Project({
    "m.js": `export function giveUp() { import.meta.hot.invalidate(); }\nimport.meta.hot.accept();\n`,
    "app.js": `import { giveUp } from "./m.js";\ntrace.push("app ran");\nexport { giveUp };\nimport.meta.hot.accept();\n`,
  });
  const app = await p.import("app.js");
  takeTrace();
  app.giveUp();
  // The invalidation is queued like an update.
  await runtime.applyUpdate([]);
  // (The invalidate listener of the test before hears it too.)
  assert.deepEqual(takeTrace().filter((e) => e[0] !== "invalidate"), ["app ran"]);
});

test("send reaches the other side; messages sent before a transport exists are queued", async () => {
  const p = new Project({ "m.js": `export const ping = (n) => import.meta.hot.send("my:ping", { n });\n` });
  const m = await p.import("m.js");
  host.sent.length = 0;
  m.ping(1);
  assert.deepEqual(host.sent, [{ type: "custom", event: "my:ping", data: { n: 1 } }]);
  // Custom events from the server reach `on` listeners.
  await new Project({ "l.js": `import.meta.hot.on("my:pong", (d) => trace.push(["pong", d]));\n` }).import("l.js");
  takeTrace();
  await runtime.handleMessage({ type: "custom", event: "my:pong", data: { n: 2 } });
  assert.deepEqual(takeTrace(), [["pong", { n: 2 }]]);
});
