// Imports without extension ("./b"), resolved by the server to "/src/b.ts":
// the graph still connects them. Node is given the server's resolution by a
// resolve hook.
import assert from "node:assert/strict";
import { register } from "node:module";
import { test } from "node:test";
import { Project, takeTrace } from "./harness.mjs";

const hook = `export async function resolve(s, c, next) {
  if (/^\\.\\.?\\//.test(s) && !/\\.[a-z]+$/.test(s)) { try { return await next(s + ".js", c); } catch { return next(s + "/index.js", c); } }
  return next(s, c);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

test("an extensionless import is an edge of the graph: accept(dep) and self-accept bubble through it", async () => {
  const p = new Project({
    "lib/index.js": `export const n = 1;\n`,
    "b.js": `import { n } from "./lib";\nexport const b = () => n;\n`,
    "app.js": `import { b } from "./b";\ntrace.push("app " + b());\nimport.meta.hot.accept("./b", (m) => trace.push("b changed " + m.b()));\n`,
  });
  await p.import("app.js");
  assert.deepEqual(takeTrace(), ["app 1"]);
  const result = await p.update({ "lib/index.js": `export const n = 2;\n` });
  assert.equal(result.status, "updated");
  assert.deepEqual(takeTrace(), ["b changed 2"]);
});
