import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
const require = createRequire("/work/wt/npm/tests/node/resolve.test.mjs");
const out = {};
for (const s of JSON.parse(process.argv[2])) {
  const r = {};
  try {
    const url = import.meta.resolve(s);
    if (url.startsWith("node:")) r.import = url;
    else { const f = fileURLToPath(url); r.import = existsSync(f) ? f : { error: "ERR_MODULE_NOT_FOUND" }; }
  } catch (e) { r.import = { error: e.code ?? String(e) }; }
  try { r.require = require.resolve(s); } catch (e) { r.require = { error: e.code ?? String(e) }; }
  out[s] = r;
}
console.log(JSON.stringify(out));
