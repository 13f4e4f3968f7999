// Exports added by an update: importers loaded before keep working; a new
// import of the added name cannot link to the first instance, so the runtime
// decides a reload (final for the page: this file has a process of its own).
import assert from "node:assert/strict";
import { test } from "node:test";
import { host, Project } from "./harness.mjs";

test("an export added by an update warns; an importer that links to it needs a reload", async () => {
  const p = new Project({
    "m.js": `export const a = 1;\nimport.meta.hot.accept();\n`,
    "use.js": `import { a } from "./m.js";\nexport const read = () => a;\nimport.meta.hot.accept();\n`,
  });
  const use = await p.import("use.js");
  await p.update({ "m.js": `export const a = 2;\nexport const added = 3;\nimport.meta.hot.accept();\n` });
  assert.equal(use.read(), 2);
  assert.ok(host.warnings.some((w) => w.includes(`${p.name}/m.js now exports added`)), host.warnings.join("\n"));
  assert.deepEqual(host.reloads, []);
  const r = await p.update({ "use.js": `import { a, added } from "./m.js";\nexport const read = () => a + added;\nimport.meta.hot.accept();\n` });
  assert.equal(r.status, "reload");
  assert.equal(r.reason, `${p.name}/use.js imports "added", which ${p.name}/m.js did not export when the page loaded`);
  assert.equal(host.reloads.length, 1);
});

