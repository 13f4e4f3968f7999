// React Fast Refresh's boundary rule (core/refresh.js): which React modules
// accept their own updates, when they hand them to their importers, and one
// performReactRefresh per update. React's runtime is faked: a component is a
// capitalised function; the modules call refreshModule() as the compiler's
// dev-server output does at its end.
import assert from "node:assert/strict";
import { test } from "node:test";
import { host, Project, runtimeUrl, takeTrace } from "./harness.mjs";

globalThis.fakeRefresh = {
  refreshes: 0,
  isLikelyComponentType: (v) => typeof v === "function" && /^[A-Z]/.test(v.name),
  performReactRefresh() {
    this.refreshes++;
  },
};
const fake = globalThis.fakeRefresh;

// A React module: `body`, then the call the compiler puts last in the dev
// server's output (`__hmrc_hot` is the module's hot context, from the header).
const react = (body) =>
  `import { refreshModule } from ${JSON.stringify(runtimeUrl)};\n${body}\nrefreshModule(__hmrc_hot, globalThis.fakeRefresh);\n`;
// An importer that accepts `dep` and records that the update reached it.
const accepting = (dep, name) =>
  `import * as m from "./${dep}";\nexport const read = () => m;\nimport.meta.hot.accept("./${dep}", () => trace.push("${name} got it"));\n`;

test("a module of components accepts itself: importers are patched, not re-run; one refresh", async () => {
  const p = new Project({
    "App.js": react(`export function App() { return "one"; }\ntrace.push("App ran");`),
    "main.js": accepting("App.js", "main"),
  });
  const main = await p.import("main.js");
  takeTrace();
  fake.refreshes = 0;
  const result = await p.update({ "App.js": react(`export function App() { return "two"; }\ntrace.push("App ran");`) });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["App ran"], "the update stops at App.js");
  assert.equal(main.read().App(), "two");
  assert.equal(fake.refreshes, 1);
});

test("a mixed module refreshes in place; its React importers run again, others are patched", async () => {
  const p = new Project({
    "Label.js": react(`export const TEXT = "a";\nexport function Label() { return TEXT; }`),
    "Shell.js": react(`import { TEXT } from "./Label.js";\nexport function Shell() { return TEXT; }\ntrace.push("Shell ran");`),
    "util.js": `import { TEXT } from "./Label.js";\nexport const read = () => TEXT;\ntrace.push("util ran");\nimport.meta.hot.accept();\n`,
    "main.js": `import "./Shell.js";\nimport "./util.js";\n`,
  });
  await p.import("main.js");
  const util = await p.import("util.js");
  takeTrace();
  fake.refreshes = 0;
  const result = await p.update({ "Label.js": react(`export const TEXT = "b";\nexport function Label() { return TEXT; }`) });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["Shell ran"]);
  assert.equal(util.read(), "b", "a non-React importer sees the new value through its binding");
  assert.equal(fake.refreshes, 1, "once, for both updates");
});

test("an export that stops being a component, or new export names, hand the update to importers", async () => {
  const p = new Project({
    "Comp.js": react(`export function Comp() {}`),
    "main.js": accepting("Comp.js", "main"),
  });
  await p.import("main.js");
  takeTrace();
  let result = await p.update({ "Comp.js": react(`export function Comp() {}\nexport function Other() {}`) });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["main got it"], "new export names");
  result = await p.update({ "Comp.js": react(`export const Comp = 1;\nexport function Other() {}`) });
  assert.deepEqual(takeTrace(), ["main got it"], "Comp is no longer a component");
  // The server hears why, as from import.meta.hot.invalidate().
  assert.ok(
    host.sent.some((m) => m.type === "invalidate" && /"Comp" is no longer a component/.test(m.message)),
    JSON.stringify(host.sent),
  );
  result = await p.update({ "Comp.js": react(`export const Comp = 2;\nexport function Other() {}`) });
  assert.deepEqual(takeTrace(), [], "same shape again: refreshed in place");
});

test("React code without components (hooks, the entry) does not accept itself", async () => {
  const p = new Project({
    "useThing.js": react(`export function useThing() { return 1; }`),
    "entry.js": react(`import { useThing } from "./useThing.js";\nfunction Root() { useThing(); }\ntrace.push("entry ran");`),
  });
  await p.import("entry.js");
  takeTrace();
  const reloads = host.reloads.length;
  const result = await p.update({ "useThing.js": react(`export function useThing() { return 2; }`) });
  assert.equal(result.status, "reload");
  assert.equal(host.reloads.length, reloads + 1, "nothing accepts it: the page reloads");
});
