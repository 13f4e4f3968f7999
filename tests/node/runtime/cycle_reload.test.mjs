// A cycle of imports that nothing outside accepts is a dead end: full reload,
// decided before any new code runs (final for the page: a process of its own).
import assert from "node:assert/strict";
import { test } from "node:test";
import { host, Project, takeTrace } from "./harness.mjs";

test("a cycle that nothing accepts is a dead end too", async () => {
  const p = new Project({
    "x.js": `import "./y.js";\nexport const x = 1;\n`,
    "y.js": `import "./x.js";\nexport const y = 1;\n`,
  });
  await p.import("x.js");
  const r = await p.update({ "y.js": `import "./x.js";\ntrace.push("y2 evaluated");\nexport const y = 2;\n` });
  assert.equal(r.status, "reload");
  assert.equal(r.reason, `Module "${p.name}/y.js" is not accepted by ${p.name}/x.js, imported by "${p.name}/y.js"`);
  assert.deepEqual(takeTrace(), []);
  assert.deepEqual(host.reloads, [r.reason]);
});

