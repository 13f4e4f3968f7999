// Source maps checked by an independent decoder (@jridgewell/trace-mapping):
// unique markers in the input map back to themselves from the output, across
// multi-byte characters, astral ones (two UTF-16 units) and CRLF line endings.
import { tokenizer } from "acorn";
import { eachMapping, originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { hmrc, repoRoot, tempDir } from "./helpers.mjs";

// Line (1-based) and column (0-based, UTF-16 units) of `needle`, as maps count.
function locate(text, needle) {
  const at = text.indexOf(needle);
  assert.notEqual(at, -1, `${needle} not found`);
  const before = text.slice(0, at);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines.at(-1).length };
}

// Dev output adds a runtime header to line 1 and, for modules with exports,
// a setter after the last line: inserted text, mapped to where it is
// anchored. True for a generated position inside either.
function inserted(code, sourceLines, line, column) {
  const headerEnd = code.indexOf(" });") + 4;
  const onHeader = line === 1 && code.startsWith("import { createHotContext") && column < headerEnd;
  return onHeader || line > sourceLines;
}

function lineCount(text) {
  return text.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(text) ? 1 : 0);
}

// Text starting at (line, column) in UTF-16 terms.
function textAt(text, line, column) {
  return text.split(/\r\n|\r|\n/)[line - 1].slice(column);
}

const source = [
  "// ünïcödé 漢字 😀😀 — markers follow\r\n",
  "const MARKER_A: string = \"😀 é\"; const MARKER_B = 1;\r\n",
  "function MARKER_C<T>(x: T): T {\r\n",
  "  return /* 漢字 */ x; // 😀 MARKER_D_in_comment\r\n",
  "}\n",
  "\tlet MARKER_E = `tmpl ${MARKER_A} 😀`, MARKER_F = MARKER_B;\r",
  "export { MARKER_C, MARKER_E, MARKER_F };\n",
].join("");
const markers = ["MARKER_A", "MARKER_B", "MARKER_C", "MARKER_E", "MARKER_F", "x;", "export"];

for (const mode of ["external", "inline"]) {
  test(`markers round-trip through a ${mode} map`, () => {
    const dir = tempDir();
    const input = path.join(dir, "src", "input.ts");
    mkdirSync(path.dirname(input), { recursive: true });
    writeFileSync(input, source);
    const out = path.join(dir, "out", "input.js");
    const r = hmrc(["--dev", `--sourcemap=${mode}`, input, "-o", out]);
    assert.equal(r.status, 0, r.stderr);
    const code = readFileSync(out, "utf8");
    let mapJson;
    if (mode === "external") {
      assert.match(code, /\n\/\/# sourceMappingURL=input\.js\.map\n$/);
      mapJson = readFileSync(out + ".map", "utf8");
    } else {
      const b64 = code.match(/sourceMappingURL=data:application\/json;base64,(.*)\n$/)[1];
      mapJson = Buffer.from(b64, "base64").toString("utf8");
    }
    const map = new TraceMap(mapJson);
    assert.deepEqual(map.sources, ["../src/input.ts"]);
    assert.equal(JSON.parse(mapJson).sourcesContent[0], source);

    for (const marker of markers) {
      const generated = locate(code, marker);
      const original = originalPositionFor(map, generated);
      assert.deepEqual({ line: original.line, column: original.column }, locate(source, marker), marker);
    }

    // Every mapping lands on the same text in input and output.
    let count = 0;
    eachMapping(map, (m) => {
      if (inserted(code, lineCount(source), m.generatedLine, m.generatedColumn)) return;
      count++;
      const generated = textAt(code, m.generatedLine, m.generatedColumn);
      const original = textAt(source, m.originalLine, m.originalColumn);
      assert.equal(generated.slice(0, 1), original.slice(0, 1), JSON.stringify(m));
    });
    assert.ok(count > 40, `only ${count} mappings`);
  });
}

test("every token of a real file is mapped, by acorn's tokenizer", () => {
  const file = path.join(repoRoot, "node_modules/acorn/dist/acorn.mjs");
  const out = path.join(tempDir(), "acorn.mjs");
  assert.equal(hmrc(["--dev", file, "-o", out]).status, 0);
  const map = new TraceMap(readFileSync(out + ".map", "utf8"));
  const mapped = new Set();
  eachMapping(map, (m) => mapped.add(`${m.generatedLine}:${m.generatedColumn}`));
  let tokens = 0;
  const code = readFileSync(out, "utf8");
  const sourceLines = lineCount(readFileSync(file, "utf8"));
  for (const t of tokenizer(code, { ecmaVersion: "latest", sourceType: "module", locations: true })) {
    if (t.start === t.end) continue; // acorn's empty template chunks have no text to map
    if (inserted(code, sourceLines, t.loc.start.line, t.loc.start.column)) continue;
    tokens++;
    assert.ok(mapped.has(`${t.loc.start.line}:${t.loc.start.column}`), `${t.type.label} at ${t.loc.start.line}:${t.loc.start.column}`);
  }
  assert.ok(tokens > 10000);
});

for (const mode of ["--dev", "--prod"]) {
  test(`markers round-trip when ${mode} rewrites import.meta.hot`, () => {
    const dir = tempDir();
    const input = path.join(dir, "hot.js");
    const text = [
      "const MARKER_1 = \"é😀\";\r\n",
      "if (import.meta.hot) { import.meta.hot.accept(); } else { MARKER_2(); }\r\n",
      "import.meta.hot.dispose(() => MARKER_GONE());\n",
      "const MARKER_3 = import.meta.hot?.data.x ?? 0, MARKER_4 = 1;\n",
    ].join("");
    writeFileSync(input, text);
    const out = path.join(dir, "out.js");
    const r = hmrc([mode, "--sourcemap=external", input, "-o", out]);
    assert.equal(r.status, 0, r.stderr);
    const code = readFileSync(out, "utf8");
    const map = new TraceMap(readFileSync(out + ".map", "utf8"));
    for (const marker of ["MARKER_1", "MARKER_2", "MARKER_3", "MARKER_4"]) {
      const original = originalPositionFor(map, locate(code, marker));
      assert.deepEqual({ line: original.line, column: original.column }, locate(text, marker), marker);
    }
    assert.equal(code.includes("MARKER_GONE"), mode === "--dev");
  });
}
