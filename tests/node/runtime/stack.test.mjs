// /@hmrc/stack.js: stacks of the page mapped through the source maps that
// `hmrc serve` gives its modules, to the files as written (the overlay's
// `file:line:col` and code frame). The positions are found in the served code.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../helpers.mjs";
import { startServer } from "../server-helpers.mjs";

const { codeFrame, decodeMappings, mapStack } = await import(
  pathToFileURL(path.join(repoRoot, "src/runtime/stack.js")).href
);

const sources = {
  // Line 1: the dev header moves every column.
  "src/view.ts": 'export const view = (n: number): string => "v" + n; if (view(1)) throw new Error("boom");\n',
  // JSX moves columns on its own line too.
  "src/card.tsx":
    "export function Card() {\n  return <div title=\"t\">{(() => { throw new Error(\"in jsx\"); })()}</div>;\n}\n",
};
let server;
before(async () => {
  server = await startServer(sources);
});
after(() => server.stop());

const fetchText = (url) => fetch(url).then((r) => r.text());

// Where `needle` is in the served code of `rel`: 1-based line and column.
async function servedPosition(rel, needle) {
  const code = await fetchText(`${server.url}/${rel}`);
  const lines = code.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  assert.notEqual(line, -1, `${needle} in the served ${rel}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}
function sourcePosition(rel, needle) {
  const lines = sources[rel].split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

test("frames of served modules map to the files as written, with a code frame of the first", async () => {
  const at = await servedPosition("src/view.ts", "new Error");
  const written = sourcePosition("src/view.ts", "new Error");
  assert.notEqual(at.column, written.column, "the header moved the column: a mapping is needed");
  const card = await servedPosition("src/card.tsx", 'new Error("in jsx")');
  const stack =
    "Error: boom\n" +
    `    at ${server.url}/src/view.ts?t=17:${at.line}:${at.column}\n` +
    `    at Card (${server.url}/src/card.tsx:${card.line}:${card.column})\n` +
    "    at https://elsewhere.example/x.js:1:1";
  const mapped = await mapStack(stack, { origin: server.url, fetchText });
  const cardWritten = sourcePosition("src/card.tsx", 'new Error("in jsx")');
  assert.equal(
    mapped.stack,
    "Error: boom\n" +
      `    at src/view.ts:${written.line}:${written.column}\n` +
      `    at Card (src/card.tsx:${cardWritten.line}:${cardWritten.column})\n` +
      "    at https://elsewhere.example/x.js:1:1",
  );
  assert.deepEqual(mapped.top, {
    file: "src/view.ts",
    line: 1,
    column: written.column,
    frame: codeFrame(sources["src/view.ts"], 1, written.column),
  });
  assert.match(mapped.top.frame, /^> 1 \| export const view = \(n: number\)/);
});

test("a module without a map, or an unknown one, keeps its frame as it was", async () => {
  const stack = `Error: x\n    at ${server.url}/src/nothing.ts:1:5`;
  assert.deepEqual(await mapStack(stack, { origin: server.url, fetchText }), { stack, top: null });
});

test("VLQ: negative deltas, multi-digit values, segments without a source", () => {
  // "AAAA" (0,0,0,0); "gBAAgB" (+16 col, +16 src col); "D" (a 1-field segment); ";" next line;
  // "AACD" (+1 line, -1 col)
  assert.deepEqual(decodeMappings("AAAA,gBAAgB,D;AACD"), [
    [[0, 0, 0, 0], [16, 0, 0, 16]],
    [[0, 0, 1, 15]],
  ]);
});
