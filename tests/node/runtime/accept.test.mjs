// accept(cb), accept(dep, cb), accept([deps], cb); failed updates.
import assert from "node:assert/strict";
import { test } from "node:test";
import { host, Project, runtime, takeTrace } from "./harness.mjs";

const selfWithCallback = (v) =>
  `export const v = ${v};\nimport.meta.hot.accept((m) => trace.push(["cb", m === undefined ? undefined : m.v]));\n`;

test("accept(cb) gets the new module instead of importers being patched", async () => {
  const p = new Project({
    "m.js": selfWithCallback(1),
    "use.js": `import { v } from "./m.js";\nexport const read = () => v;\n`,
  });
  const use = await p.import("use.js");
  const result = await p.update({ "m.js": selfWithCallback(2) });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), [["cb", 2]]);
  assert.equal(use.read(), 1, "importers are not patched when a callback accepts");
});

test("accept(cb) gets undefined on a syntax error and on a throw; the old version keeps running", async () => {
  const p = new Project({
    "m.js": `export const v = 1;\nexport const f = () => "old";\nimport.meta.hot.accept((m) => trace.push(["cb", m?.v]));\n`,
    "use.js": `import { f } from "./m.js";\nexport const read = () => f();\n`,
  });
  const use = await p.import("use.js");
  const errors = [];
  const onError = (payload) => errors.push(payload.err.message);
  // A listener of a module that is not replaced: use.js is never re-run here.
  const listener = await new Project({ "l.js": `import.meta.hot.on("vite:error", (e) => trace.push(["error", e.err.id]));\nexport {};\n` }).import("l.js");
  void listener;
  takeTrace();

  // A syntax error: what a server would serve if it passed a broken file through.
  const broken = await p.update({}, { raw: { "m.js": "export const v = ;\n" } });
  assert.equal(broken.status, "error");
  assert.equal(broken.errors[0].error.name, "SyntaxError");
  assert.deepEqual(takeTrace(), [["error", p.id("m.js")], ["cb", undefined]]);
  assert.equal(use.read(), "old");

  const throws = await p.update({ "m.js": `export const v = 3;\nthrow new Error("boom");\n` });
  assert.equal(throws.status, "error");
  assert.equal(throws.errors[0].error.message, "boom");
  assert.deepEqual(takeTrace(), [["error", p.id("m.js")], ["cb", undefined]]);
  assert.equal(use.read(), "old");
  void onError;
  void errors;

  // Fixing the file resumes normal updates; the callback registered by the
  // last instance that ran its accept() is the one called.
  const fixed = await p.update({ "m.js": `export const v = 4;\nimport.meta.hot.accept((m) => trace.push(["cb4", m?.v]));\n` });
  assert.equal(fixed.status, "updated");
  assert.deepEqual(takeTrace(), [["cb", 4]]);
  assert.ok(host.errors.some((e) => e.includes("boom")));
});

test("a failed self-accepted update keeps importers on the old exports; the next good one patches", async () => {
  const p = new Project({
    "m.js": `export const f = () => "v1";\nimport.meta.hot.accept();\n`,
    "use.js": `import { f } from "./m.js";\nexport const read = () => f();\n`,
  });
  const use = await p.import("use.js");
  const failed = await p.update({ "m.js": `export const f = () => "v2";\nnull.x;\nimport.meta.hot.accept();\n` });
  assert.equal(failed.status, "error");
  assert.equal(use.read(), "v1");
  const good = await p.update({ "m.js": `export const f = () => "v3";\nimport.meta.hot.accept();\n` });
  assert.equal(good.status, "updated");
  assert.equal(use.read(), "v3");
});

test("accept(dep, cb): the importer's callback gets the dependency's new module, its bindings are patched", async () => {
  const p = new Project({
    "dep.js": `export const n = 1;\n`,
    "app.js": `import { n } from "./dep.js";\ntrace.push("app ran");\nimport.meta.hot.accept("./dep.js", (m) => trace.push(["dep", m.n, n]));\n`,
  });
  await p.import("app.js");
  takeTrace();
  const result = await p.update({ "dep.js": `export const n = 2;\n` });
  assert.equal(result.status, "updated");
  assert.deepEqual(result.updates.map((u) => [u.path, u.acceptedPath]), [[p.id("app.js"), p.id("dep.js")]]);
  assert.deepEqual(takeTrace(), [["dep", 2, 2]], "app is not re-run; its binding n is patched");
});

test("accept(dep, cb) fires for a change two levels below the dependency", async () => {
  const p = new Project({
    "deep.js": `export const d = "deep1";\n`,
    "dep.js": `import { d } from "./deep.js";\nexport const n = "n(" + d + ")";\n`,
    "app.js": `import "./dep.js";\nimport.meta.hot.accept("./dep.js", (m) => trace.push(m.n));\n`,
  });
  await p.import("app.js");
  const result = await p.update({ "deep.js": `export const d = "deep2";\n` });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["n(deep2)"]);
});

test("accept([deps], cb): new modules in place, undefined for the unchanged ones", async () => {
  const p = new Project({
    "a.js": `export const a = "a1";\n`,
    "b.js": `export const b = "b1";\n`,
    "app.js": `import "./a.js";\nimport "./b.js";\nimport.meta.hot.accept(["./a.js", "./b.js"], ([a, b]) => trace.push([a?.a, b?.b]));\n`,
  });
  await p.import("app.js");
  await p.update({ "b.js": `export const b = "b2";\n` });
  assert.deepEqual(takeTrace(), [[undefined, "b2"]]);
  await p.update({ "a.js": `export const a = "a3";\n`, "b.js": `export const b = "b3";\n` });
  assert.deepEqual(takeTrace(), [["a3", "b3"]], "one call for both, saved together");
  const failed = await p.update({ "a.js": `throw new Error("a broke");\n` });
  assert.equal(failed.status, "error");
  // (The error listener of an earlier test hears it too.)
  assert.deepEqual(takeTrace().filter((e) => e[0] !== "error"), [[undefined, undefined]]);
});

test("the registry's graph follows the imports of the current instances", async () => {
  const p = new Project({
    "x.js": `export const x = 1;\n`,
    "y.js": `export const y = 1;\n`,
    "app.js": `import "./x.js";\nimport.meta.hot.accept();\n`,
  });
  await p.import("app.js");
  await p.update({ "app.js": `import "./y.js";\nimport.meta.hot.accept();\n` });
  // y is now imported by app: a change in y re-runs app.
  await p.update({ "y.js": `trace.push("y2");\nexport const y = 2;\n` });
  assert.deepEqual(takeTrace(), ["y2"]);
  assert.equal(runtime.inspect().reloading, false);
});
