// `hmrc runtime`: writes the embedded files.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { hmrc, repoRoot, tempDir } from "../helpers.mjs";

test("hmrc runtime writes the embedded core, client and types, byte for byte", () => {
  const dir = tempDir();
  for (const [flags, source] of [
    [[], "build/src/runtime/runtime.js"], // bundled from src/runtime/core at build time
    [["--client"], "src/runtime/client.js"],
    [["--types"], "src/runtime/types/hot.d.ts"],
  ]) {
    const out = path.join(dir, path.basename(source));
    const r = hmrc(["runtime", ...flags, "-o", out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, "utf8"), readFileSync(path.join(repoRoot, source), "utf8"), source);
    assert.equal(hmrc(["runtime", ...flags]).stdout, readFileSync(out, "utf8"));
  }
});

test("hmrc runtime: usage errors exit 2", () => {
  const bad = hmrc(["runtime", "--bogus"]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^hmrc: error: .*bogus/);
  assert.equal(hmrc(["runtime", "--client", "--types"]).status, 2);
  assert.equal(hmrc(["runtime", "-o", path.join(tempDir(), "missing/dir/x.js")]).status, 2);
  assert.match(hmrc(["runtime", "--help"]).stdout, /--client/);
});
