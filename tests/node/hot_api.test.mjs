// Output of the fixtures: production output runs under Node and prints what
// the input's `// prints:` lines say, with no import.meta.hot left; dev output
// of JavaScript inputs parses as a module; an escaped import.meta traps .hot.
import { parse } from "acorn";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { hmrc, repoRoot, tempDir } from "./helpers.mjs";

const fixtures = path.join(repoRoot, "tests/fixtures");
const cases = readdirSync(fixtures).flatMap((group) =>
  readdirSync(path.join(fixtures, group)).map((name) => path.join(fixtures, group, name)),
);

for (const dir of cases.filter((d) => existsSync(path.join(d, "prod.js")))) {
  const id = path.relative(fixtures, dir);
  const prod = readFileSync(path.join(dir, "prod.js"), "utf8");
  const input = readFileSync(path.join(dir, readdirSync(dir).find((f) => f.startsWith("input."))), "utf8");

  test(`${id}: prod has no import.meta.hot`, () => {
    // Strings, comments and regexes may still spell it; code may not.
    const code = prod.replace(/\/\/.*|\/\*[\s\S]*?\*\/|"[^"\n]*"|`[^`]*`|\/import\.meta\.hot\//g, "");
    assert.doesNotMatch(code, /import\s*\.\s*meta\s*\.\s*hot|meta\s*\[\s*["']hot/);
  });

  const expected = [...input.matchAll(/^\/\/ prints: (.*)$/gm)].map((m) => m[1]);
  if (expected.length === 0) continue;
  test(`${id}: prod runs and prints what the input says`, () => {
    const file = path.join(tempDir(), "prod.mjs");
    writeFileSync(file, prod);
    const r = spawnSync(process.execPath, [file], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split("\n"), expected);
  });
}

// JSX is not compiled to JavaScript yet, so only the import.meta.hot groups,
// whose JavaScript inputs hold no JSX, are parsed.
const hotCases = cases.filter((d) => path.relative(fixtures, d).startsWith("hot-"));
for (const dir of hotCases.filter((d) => existsSync(path.join(d, "dev.js")) && existsSync(path.join(d, "input.js")))) {
  test(`${path.relative(fixtures, dir)}: dev output parses as a module`, () => {
    parse(readFileSync(path.join(dir, "dev.js"), "utf8"), { ecmaVersion: "latest", sourceType: "module" });
  });
}

test("import.meta.hot reached through an escaped import.meta throws a clear error in dev", () => {
  const dir = tempDir();
  const source = "function peek(meta) { return meta.hot; }\ntry { peek(import.meta); } catch (e) { console.log(e.message); }\n";
  writeFileSync(path.join(dir, "m.js"), source);
  // Dev output imports the runtime: written by `hmrc runtime`, imported by file URL.
  assert.equal(hmrc(["runtime", "-o", path.join(dir, "runtime.js")]).status, 0);
  const runtime = pathToFileURL(path.join(dir, "runtime.js")).href;
  const r = hmrc(["--dev", "--sourcemap=none", "--runtime", runtime, path.join(dir, "m.js"), "-o", path.join(dir, "out.mjs")]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: import\.meta escapes as a value/);
  const run = spawnSync(process.execPath, [path.join(dir, "out.mjs")], { encoding: "utf8" });
  assert.match(run.stdout, /^hmrc: import\.meta\.hot was reached indirectly in file:\/\/.*out\.mjs; write import\.meta\.hot directly/);
});
