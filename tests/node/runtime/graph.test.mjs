// Circular imports, and 100 updates in a row leaving nothing behind.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Project, runtime, takeTrace } from "./harness.mjs";

test("circular imports: either side changes, both see each other's new exports", async () => {
  const a = (v) =>
    `import { b } from "./b.js";\ntrace.push("a${v} ran");\nexport const a = () => "a${v}";\nexport const viaB = () => b();\n`;
  const b = (v) =>
    `import { a } from "./a.js";\ntrace.push("b${v} ran");\nexport const b = () => "b${v}";\nexport const viaA = () => a();\nimport.meta.hot.accept();\n`;
  const p = new Project({ "a.js": a(1), "b.js": b(1) });
  const modA = await p.import("a.js");
  const modB = await p.import("b.js");
  assert.deepEqual([modA.viaB(), modB.viaA()], ["b1", "a1"]);
  takeTrace();

  assert.equal((await p.update({ "b.js": b(2) })).status, "updated");
  assert.deepEqual(takeTrace(), ["b2 ran"]);
  assert.deepEqual([modA.viaB(), modB.viaA()], ["b2", "a1"]);

  // a accepts nothing; its importer b does: both run again, a first.
  assert.equal((await p.update({ "a.js": a(3) })).status, "updated");
  assert.deepEqual(takeTrace(), ["a3 ran", "b2 ran"]);
  assert.deepEqual([modA.viaB(), modB.viaA()], ["b2", "a3"]);
});

test("100 updates in a row leak no listener, dispose callback or instance", async () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc");
  globalThis.track = [];
  globalThis.keep = (fn) => (globalThis.track.push(new WeakRef(fn)), fn);
  const m = (v) =>
    [
      `export const v = ${v};`,
      `import.meta.hot.dispose(keep(() => {}));`,
      `import.meta.hot.dispose(keep(() => {}));`,
      `import.meta.hot.on("vite:beforeUpdate", keep(() => {}));`,
      `import.meta.hot.on("my:event", keep(() => {}));`,
      `import.meta.hot.prune(keep(() => {}));`,
      `import.meta.hot.accept(keep(() => {}));`,
      `import.meta.hot.data.count = (import.meta.hot.data.count ?? 0) + 1;`,
    ].join("\n");
  const p = new Project({ "m.js": m(0) });
  await p.import("m.js");
  const before = runtime.inspect();
  for (let i = 1; i <= 100; i++) {
    const r = await p.update({ "m.js": m(i) });
    assert.equal(r.status, "updated");
  }
  const after = runtime.inspect();
  assert.equal(after.updates - before.updates, 100);
  for (const key of ["modules", "liveInstances", "disposers", "pruners", "acceptCallbacks", "listeners"]) {
    assert.equal(after[key], before[key], key);
  }
  gc();
  await new Promise((r) => setTimeout(r, 10));
  gc();
  const alive = globalThis.track.filter((w) => w.deref() !== undefined).length;
  // Only the current instance's six callbacks.
  assert.ok(alive <= 6, `${alive} of ${globalThis.track.length} callbacks still reachable`);
  assert.equal(globalThis.track.length, 606);
});
