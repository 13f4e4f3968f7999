// A real library through the dev rewrite: acorn compiled by hmrc --dev (its
// exports made patchable, its writes to exported bindings wrapped) runs under
// Node and parses itself exactly as the original does.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { hmrc, repoRoot, tempDir } from "../helpers.mjs";
import { runtimeUrl } from "./harness.mjs";

test("acorn compiled by hmrc --dev parses itself as the original does", async () => {
  const input = path.join(repoRoot, "node_modules/acorn/dist/acorn.mjs");
  const dir = tempDir();
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "acorn.mjs");
  const r = hmrc(["--dev", "--sourcemap=none", "--runtime", runtimeUrl, input, "-o", out]);
  assert.equal(r.status, 0, r.stderr);
  const code = readFileSync(out, "utf8");
  assert.match(code, /^import \{ createHotContext as __hmrc_createHotContext \}/);
  assert.match(code, /\nfunction __hmrc_set\(__hmrc_n, __hmrc_v\) \{ switch \(__hmrc_n\) \{ case "Node": Node = __hmrc_v; break; /);
  const dev = await import(pathToFileURL(out).href);
  const original = await import(pathToFileURL(input).href);
  assert.deepEqual(Object.keys(dev).sort(), Object.keys(original).sort());
  const text = readFileSync(input, "utf8");
  const options = { ecmaVersion: "latest", sourceType: "module", locations: true };
  assert.equal(JSON.stringify(dev.parse(text, options)), JSON.stringify(original.parse(text, options)));
});
