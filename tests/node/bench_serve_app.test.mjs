// The dev-server benchmark's generated app (tools/bench/serve/app.mjs): it
// must be valid TypeScript that hmrc compiles, form one tree from main.ts,
// and self-accept where the benchmark edits, or every figure is meaningless.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parse } from "acorn";
import { appShape, generateApp, leafFile, leafSource, leafText, ROOT_FILE, rootSource, saveEdit } from "../../tools/bench/serve/app.mjs";
import { hmrc, tempDir } from "./helpers.mjs";

// The header hmrc puts on line 1 of every dev module (docs/hmr-design.md).
function header(js) {
  const m = /__hmrc_createHotContext\("([^"]+)", \{ url: import\.meta\.url, selfAccepting: (true|false), dependencies: \{[^}]*\}, imports: \[([^\]]*)\]/.exec(js.split("\n")[0]);
  assert.ok(m, `no hot header in: ${js.slice(0, 200)}`);
  return { id: m[1], selfAccepting: m[2] === "true", imports: m[3] ? m[3].split(", ").map((s) => JSON.parse(s)) : [] };
}

describe("serve benchmark app", () => {
  test("1000 modules compile with hmrc --dev into one tree whose leaves and root accept themselves", () => {
    const dir = tempDir("hmrc-bench-app-");
    const app = generateApp(path.join(dir, "app"), 1000);
    const ts = app.files.filter((f) => f.endsWith(".ts"));
    assert.equal(ts.length, 1000);
    const out = path.join(dir, "out");
    const r = hmrc(["--dev", "--root", app.dir, "--outdir", out, ...ts.map((f) => path.join(app.dir, f))]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");

    const modules = new Map();
    for (const f of ts) {
      const js = readFileSync(path.join(out, f.replace(/\.ts$/, ".js")), "utf8");
      parse(js, { ecmaVersion: "latest", sourceType: "module" }); // throws on invalid output
      const h = header(js);
      assert.equal(h.id, "/" + f);
      modules.set(h.id, h);
    }
    // Every module is reached from the root, and every import is a module.
    const seen = new Set(), stack = ["/" + ROOT_FILE];
    while (stack.length) {
      const id = stack.pop();
      if (seen.has(id)) continue;
      assert.ok(modules.has(id), `import of a module that does not exist: ${id}`);
      seen.add(id);
      stack.push(...modules.get(id).imports);
    }
    assert.equal(seen.size, 1000);
    assert.ok(modules.get("/" + ROOT_FILE).selfAccepting);
    for (let n = 0; n < app.leaves; n++) assert.ok(modules.get("/" + leafFile(n)).selfAccepting, leafFile(n));
  });

  test("an edit changes only the text, in place", () => {
    const dir = tempDir("hmrc-bench-app-");
    generateApp(dir, 1000);
    const file = path.join(dir, leafFile(7));
    const before = readFileSync(file, "utf8");
    assert.ok(before.includes(`"${leafText(7, 0)}"`));
    assert.equal(leafSource(7, 0), before);
    saveEdit(file, leafSource(7, 12));
    assert.equal(readFileSync(file, "utf8"), before.replace(leafText(7, 0), leafText(7, 12)));
    // A shorter text than the file's (never written by the benchmark) is cut to size.
    writeFileSync(file, leafSource(7, 12345));
    saveEdit(file, leafSource(7, 3));
    assert.equal(readFileSync(file, "utf8"), leafSource(7, 3));
    assert.equal(readFileSync(path.join(dir, ROOT_FILE), "utf8"), rootSource(0));
  });

  test("too few modules for the tree is an error", () => {
    assert.throws(() => appShape(50), /too few/);
    assert.equal(appShape(1000).leaves, 899);
  });
});
