// hmrc --react-refresh against react-refresh/babel on every case in
// tests/refresh/cases, compared by behaviour (tools/conformance/refresh.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { compareCase, explain, listCases } from "../../tools/conformance/refresh.mjs";

for (const file of listCases()) {
  test(`refresh conformance: ${file}`, () => {
    const r = compareCase(file);
    assert.ok(r.ok, `${file} differs from react-refresh/babel:\n${explain(r)}`);
  });
}

// The comparison must see what matters: a lost registration, another id, a
// changed key or forceReset, a missing custom hook.
test("refresh conformance: a wrong output is caught", () => {
  const changes = [
    (code) => code.replace(/\$RefreshReg\$\(_c2?, [^)]*\);/, ""),
    (code) => code.replace('"A$forwardRef"', '"A"'),
    (code) => code.replace("useState{[foo, setFoo](0)}", "useState{[foo, setFoo]}"),
    (code) => code.replace(/(_s\d*\(App, "[^"]*"), true/, "$1, false"),
    (code) => code.replace("function () { return [useFancyState]; }", "function () { return []; }"),
    (code) => code.replace(/_s\(\);/, ""),
  ];
  const cases = [
    "react-11a-likely-hocs-inline.jsx",
    "react-11a-likely-hocs-inline.jsx",
    "react-17-signatures-function-expressions.jsx",
    "react-20-exotic-hook-calls.jsx",
    "react-18-custom-hooks-in-signatures.jsx",
    "react-16-signatures-function-declarations.jsx",
  ];
  changes.forEach((change, i) => {
    let changed = false;
    const r = compareCase(cases[i], (code) => {
      const out = change(code);
      changed = out !== code;
      return out;
    });
    assert.ok(changed, `change ${i} did not apply to ${cases[i]}`);
    assert.equal(r.ok, false, `change ${i} to ${cases[i]} went unnoticed`);
  });
});

// The comparison lowers JSX itself (hmrc runs with --jsx=preserve); the dev
// server compiles JSX too, and its edits meet refresh's at the same offsets.
test("refresh conformance: every case compiled with JSX (automatic and classic) parses", async () => {
  const acorn = await import("acorn");
  const { readFileSync } = await import("node:fs");
  const path = await import("node:path");
  const { casesDir } = await import("../../tools/conformance/refresh.mjs");
  const { hmrc } = await import("./helpers.mjs");
  for (const file of listCases()) {
    for (const jsx of ["automatic", "classic"]) {
      const input = readFileSync(path.join(casesDir, file), "utf8");
      const r = hmrc(["--dev", "--react-refresh", `--jsx=${jsx}`, "--sourcemap=none", "--loader", path.extname(file).slice(1)], { input });
      assert.equal(r.status, 0, r.stderr);
      assert.doesNotThrow(() => acorn.parse(r.stdout, { ecmaVersion: "latest", sourceType: "module" }), `${file} --jsx=${jsx}`);
    }
  }
});
