// Self-accepting modules: importers see the new exports without re-running,
// for every form of export.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Project, takeTrace } from "./harness.mjs";

test("a→b→c: only b changes; a sees b's new exports, c keeps its state", async () => {
  const p = new Project({
    "c.js": `trace.push("c ran");\nexport let clicks = 0;\nexport function click() { clicks++; }\n`,
    "b.js": `import { clicks } from "./c.js";\ntrace.push("b v1 ran");\nexport const label = () => "v1:" + clicks;\nimport.meta.hot.accept();\n`,
    "a.js": `import { label } from "./b.js";\ntrace.push("a ran");\nexport const show = () => label();\n`,
  });
  const a = await p.import("a.js");
  const c = await p.import("c.js");
  c.click();
  c.click();
  assert.equal(a.show(), "v1:2");
  assert.deepEqual(takeTrace(), ["c ran", "b v1 ran", "a ran"]);

  const result = await p.update({
    "b.js": `import { clicks } from "./c.js";\ntrace.push("b v2 ran");\nexport const label = () => "v2:" + clicks;\nimport.meta.hot.accept();\n`,
  });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["b v2 ran"]);
  assert.equal(a.show(), "v2:2");
  c.click();
  assert.equal(a.show(), "v2:3");
});

test("every export form is patched: const, let, function, class, default, aliases, export *", async () => {
  const version = (v) => ({
    "m.js": [
      `export const k = "k${v}";`,
      `export let n = ${v};`,
      `export function f() { return "f${v}"; }`,
      `export class C { get v() { return "C${v}"; } }`,
      `const hidden = "alias${v}"; export { hidden as visible, hidden as "odd name" };`,
      `export const { d1, d2: [d2] } = { d1: "d1${v}", d2: ["d2${v}"] };`,
      `export default () => "default${v}";`,
      `import.meta.hot.accept();`,
    ].join("\n"),
  });
  const p = new Project({
    ...version(1),
    "star.js": `export * from "./m.js";\n`,
    "chain.js": `export { f as chained } from "./star.js";\n`,
    "use.js": [
      `import def, { k, n, f, C, visible, d1, d2 } from "./m.js";`,
      `import * as ns from "./m.js";`,
      `import { chained } from "./chain.js";`,
      `import * as star from "./star.js";`,
      `export const read = () => [k, n, f(), new C().v, visible, ns["odd name"], d1, d2, def(), def.name, chained(), star.k];`,
    ].join("\n"),
  });
  const use = await p.import("use.js");
  assert.deepEqual(use.read(), ["k1", 1, "f1", "C1", "alias1", "alias1", "d11", "d21", "default1", "default", "f1", "k1"]);
  assert.equal((await p.update(version(2))).status, "updated");
  assert.deepEqual(use.read(), ["k2", 2, "f2", "C2", "alias2", "alias2", "d12", "d22", "default2", "default", "f2", "k2"]);
});

test("default exports: named function, anonymous function, anonymous class, expression", async () => {
  const p = new Project({
    "named.js": `export default function App() { return 1; }\nimport.meta.hot.accept();\n`,
    "anon.js": `export default function () { return 1; }\nimport.meta.hot.accept();\n`,
    "klass.js": `export default class { static v = 1; }\nimport.meta.hot.accept();\n`,
    "expr.js": `export default { v: 1 };\nimport.meta.hot.accept();\n`,
    "use.js": `import named from "./named.js";\nimport anon from "./anon.js";\nimport klass from "./klass.js";\nimport expr from "./expr.js";\nexport const read = () => [named(), named.name, anon(), anon.name, klass.v, klass.name, expr.v];\n`,
  });
  const use = await p.import("use.js");
  assert.deepEqual(use.read(), [1, "App", 1, "default", 1, "default", 1]);
  await p.update({
    "named.js": `export default function App() { return 2; }\nimport.meta.hot.accept();\n`,
    "anon.js": `export default function () { return 2; }\nimport.meta.hot.accept();\n`,
    "klass.js": `export default class { static v = 2; }\nimport.meta.hot.accept();\n`,
    "expr.js": `export default { v: 2 };\nimport.meta.hot.accept();\n`,
  });
  assert.deepEqual(use.read(), [2, "App", 2, "default", 2, "default", 2]);
});

test("a let the new instance reassigns later keeps reaching importers", async () => {
  const counter = (step) =>
    `export let count = 0;\nexport let last;\nexport function inc() { last = count += ${step}; return count++; }\nexport function reset() { [count] = [0]; }\nimport.meta.hot.accept();\n`;
  const p = new Project({
    "counter.js": counter(1),
    "use.js": `import { count, last, inc, reset } from "./counter.js";\nexport const read = () => [count, last];\nexport { inc, reset };\n`,
  });
  const use = await p.import("use.js");
  assert.equal(use.inc(), 1);
  assert.deepEqual(use.read(), [2, 1]);
  await p.update({ "counter.js": counter(10) });
  assert.deepEqual(use.read(), [0, undefined]); // the new instance starts over: it was re-run
  assert.equal(use.inc(), 10); // the value of `count++` is kept
  assert.deepEqual(use.read(), [11, 10]);
  use.reset();
  assert.deepEqual(use.read(), [0, 10]);
});

test("a dependency updated below a boundary: the boundary's new instance sees it", async () => {
  const p = new Project({
    "dep.js": `trace.push("dep v1");\nexport const value = "dep1";\n`,
    "mid.js": `import { value } from "./dep.js";\nexport const midValue = () => value;\n`,
    "boundary.js": `import { midValue } from "./mid.js";\ntrace.push("boundary " + midValue());\nexport const computed = "b(" + midValue() + ")";\nimport.meta.hot.accept();\n`,
    "app.js": `import { computed } from "./boundary.js";\nexport const read = () => computed;\n`,
  });
  const app = await p.import("app.js");
  assert.equal(app.read(), "b(dep1)");
  takeTrace();
  const result = await p.update({ "dep.js": `trace.push("dep v2");\nexport const value = "dep2";\n` });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["dep v2", "boundary dep2"]);
  assert.equal(app.read(), "b(dep2)");
  assert.deepEqual(result.updates.map((u) => [u.path, u.acceptedPath]), [[p.id("boundary.js"), p.id("boundary.js")]]);
});

test("top-level await in a self-accepting module", async () => {
  const p = new Project({
    "slow.js": `export const v = await new Promise((r) => setTimeout(() => r(1), 5));\nimport.meta.hot.accept();\n`,
    "use.js": `import { v } from "./slow.js";\nexport const read = () => v;\n`,
  });
  const use = await p.import("use.js");
  assert.equal(use.read(), 1);
  await p.update({ "slow.js": `export const v = await new Promise((r) => setTimeout(() => r(2), 5));\nimport.meta.hot.accept();\n` });
  assert.equal(use.read(), 2);
});

test("changes saved together are one update; updates are applied in order", async () => {
  const p = new Project({
    "x.js": `trace.push("x1");\nexport const x = 1;\nimport.meta.hot.accept();\n`,
    "y.js": `trace.push("y1");\nexport const y = 1;\nimport.meta.hot.accept();\n`,
  });
  await p.import("x.js");
  await p.import("y.js");
  takeTrace();
  const both = await p.update({
    "x.js": `trace.push("x2");\nexport const x = 2;\nimport.meta.hot.accept();\n`,
    "y.js": `trace.push("y2");\nexport const y = 2;\nimport.meta.hot.accept();\n`,
  });
  assert.equal(both.updates.length, 2);
  assert.deepEqual(takeTrace().sort(), ["x2", "y2"]);
  // An update announced while another is applied runs after it.
  const first = p.update({ "x.js": `trace.push("x3 start"); await new Promise((r) => setTimeout(r, 30)); trace.push("x3 end");\nexport const x = 3;\nimport.meta.hot.accept();\n` });
  await new Promise((r) => setTimeout(r, 5));
  const second = p.update({ "y.js": `trace.push("y3");\nexport const y = 3;\nimport.meta.hot.accept();\n` });
  const results = await Promise.all([first, second]);
  assert.deepEqual(results.map((r) => r.updates.length), [1, 1]);
  assert.deepEqual(takeTrace(), ["x3 start", "x3 end", "y3"]);
});
