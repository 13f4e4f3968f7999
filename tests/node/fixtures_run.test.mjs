// Runnable fixtures: a tests/fixtures case whose input has lines
//   // prints: TEXT
// is run as its checked-in prod.js (fixture-runner keeps it current) in Node,
// and what it prints must be those lines: the convention of hot_api.test.mjs
// (which runs the hot-api group, dev output too), for every other group. For
// TypeScript the expected lines are what tsc's and esbuild's output print for
// the same input and tsconfig.json: tools/compare-ts runs all three and diffs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, tempDir } from "./helpers.mjs";

const fixtures = path.join(repoRoot, "tests/fixtures");

for (const group of readdirSync(fixtures).filter((g) => g !== "hot-api")) {
  const groupDir = path.join(fixtures, group);
  for (const name of readdirSync(groupDir)) {
    const dir = path.join(groupDir, name);
    const input = existsSync(dir) && readdirSync(dir).find((f) => f.startsWith("input."));
    if (!input) continue;
    const expected = readFileSync(path.join(dir, input), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("// prints: ") || l === "// prints:")
      .map((l) => l.slice("// prints: ".length));
    if (expected.length === 0) continue;
    test(`${group}/${name} prints what tsc's and esbuild's output print`, () => {
      const out = path.join(tempDir(), "prod.mjs");
      writeFileSync(out, readFileSync(path.join(dir, "prod.js")));
      const r = spawnSync(process.execPath, [out], { encoding: "utf8" });
      assert.equal(r.stderr, "");
      assert.deepEqual(r.stdout.replace(/\n$/, "").split("\n"), expected);
    });
  }
}
