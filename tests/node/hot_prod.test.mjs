// Production output of the import.meta.hot fixtures runs under Node and
// prints what the input's `// prints:` lines say, with no import.meta.hot left.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { repoRoot, tempDir } from "./helpers.mjs";

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
