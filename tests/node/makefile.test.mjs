// examples/makefile: hmrc as a build step. A second `make` does nothing and
// touching one source rebuilds only its outputs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, utimesSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { hmrcBin, repoRoot, tempDir } from "./helpers.mjs";

// Outputs depend on the compiler too: the test builds with its own copy, which it can age.
function make(dir, ...args) {
  const r = spawnSync("make", ["-j4", `HMRC=${path.join(dir, "bin/hmrc")}`, ...args], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.split("\n").filter((l) => l.includes("--dev") || l.includes("--prod"));
}

test("make builds everything once, then only what changed", () => {
  const dir = path.join(tempDir(), "makefile");
  cpSync(path.join(repoRoot, "examples/makefile"), dir, { recursive: true, filter: (p) => !p.includes("/out") });
  cpSync(hmrcBin, path.join(dir, "bin/hmrc"));

  const first = make(dir);
  assert.equal(first.length, 6); // 3 sources x dev and prod
  for (const out of ["dev/main.js", "dev/main.js.map", "dev/util/format.js", "prod/counter.js"]) {
    assert.ok(existsSync(path.join(dir, "out", out)), out);
  }

  assert.deepEqual(make(dir), []);

  // Age the tree so that touching a source makes it newer, without sleeping.
  const age = (dirName, seconds) => {
    const when = new Date(Date.now() - seconds * 1000);
    for (const f of readdirSync(path.join(dir, dirName), { recursive: true })) utimesSync(path.join(dir, dirName, f), when, when);
  };
  age("bin", 100);
  age("src", 100);
  age("out", 50);
  const now = new Date();
  utimesSync(path.join(dir, "src/util/format.ts"), now, now);
  const rebuilt = make(dir);
  assert.equal(rebuilt.length, 2);
  assert.ok(rebuilt.every((l) => l.includes("src/util/format.ts")), rebuilt.join("\n"));
  assert.deepEqual(make(dir), []);
});
