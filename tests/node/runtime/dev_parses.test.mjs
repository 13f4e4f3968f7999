// The dev rewrite on real code: ES modules shipped in node_modules compile
// with hmrc --dev (header, patchable exports, wrapped writes) into modules
// that still parse.
import { parse } from "acorn";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { hmrc, repoRoot } from "../helpers.mjs";

function modules(dir, out, depth = 0) {
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory() && depth < 5) modules(p, out, depth + 1);
    else if (name.endsWith(".mjs") && st.size > 500 && st.size < 500_000) out.push(p);
  }
  return out;
}

test("ES modules from node_modules still parse after the dev rewrite", () => {
  const files = modules(path.join(repoRoot, "node_modules"), []).filter((f) => {
    try {
      return /\bexport\b/.test(readFileSync(f, "utf8")) && parse(readFileSync(f, "utf8"), { ecmaVersion: "latest", sourceType: "module" });
    } catch {
      return false;
    }
  }).slice(0, 40);
  assert.ok(files.length >= 10, `only ${files.length} modules found`);
  for (const file of files) {
    const r = hmrc(["--dev", "--sourcemap=none", "--loader", "js", file]);
    assert.equal(r.status, 0, `${file}: ${r.stderr}`);
    assert.match(r.stdout, /^import \{ createHotContext as __hmrc_createHotContext \}/);
    assert.doesNotThrow(() => parse(r.stdout, { ecmaVersion: "latest", sourceType: "module" }), file);
  }
});
