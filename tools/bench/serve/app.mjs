// Generates the dev-server benchmark app: `modules` vanilla TypeScript modules
// in a tree, index.html -> src/main.ts (root) -> sections -> groups -> leaves,
// plus one shared DOM helper every module imports. The same source runs
// unchanged under hmrc serve, Vite and Bun's dev server.
//
// How updates re-render (the same under all three tools):
// - a leaf renders its `text` into its own element (`<div id="l0042">`) and
//   accepts its own updates with `import.meta.hot.accept((next) => next?.render())`:
//   the callback draws the new module's text into the same element;
// - the root (src/main.ts) renders the whole tree once on load (groups call
//   their leaves' render()) and sets `window.__ready` (ms since navigation
//   start) when done. It accepts itself the same way: a root edit re-runs
//   main.ts (its top level skips the first-load render, since `__ready` is
//   set) and the callback calls the new render(), which redraws all the
//   tree's elements and then the root's own text (`<div id="root">`). Under
//   Vite and Bun, accept(cb) does not patch importers, so a leaf edited
//   earlier is redrawn with the group's first instance of it; only the
//   root's text is checked after a root edit.
// Imports keep their `.ts` extension (allowImportingTsExtensions), which all
// three resolve as they are.
import fs from 'node:fs';
import path from 'node:path';

const SECTIONS = 9;
const GROUPS_PER_SECTION = 10;

export function appShape(modules = 1000) {
  const groups = SECTIONS * GROUPS_PER_SECTION;
  const leaves = modules - 2 - SECTIONS - groups; // main.ts and lib/dom.ts
  if (leaves < groups) throw new Error(`app: ${modules} modules is too few for ${SECTIONS} sections of ${GROUPS_PER_SECTION} groups`);
  return { modules, sections: SECTIONS, groups, leaves };
}

const pad = (n) => String(n).padStart(4, '0');
export const leafId = (n) => `l${pad(n)}`;
export const leafFile = (n) => `src/s${Math.floor(groupOf(n) / GROUPS_PER_SECTION)}/g${groupOf(n) % GROUPS_PER_SECTION}/${leafId(n)}.ts`;
// Leaves are spread evenly: group g holds [floor(g*L/G), floor((g+1)*L/G)).
let shape, groupTable;
function setShape(modules) {
  shape = appShape(modules);
  groupTable = [];
  for (let g = 0; g < shape.groups; g++) for (const n of leavesOf(g)) groupTable[n] = g;
}
function leavesOf(g) {
  const from = Math.floor((g * shape.leaves) / shape.groups), to = Math.floor(((g + 1) * shape.leaves) / shape.groups);
  return Array.from({ length: to - from }, (_, i) => from + i);
}
const groupOf = (n) => groupTable[n];
setShape(1000);

export const leafText = (n, version) => `leaf ${n} v${version}`;
export const rootText = (version) => `root v${version}`;
export const ROOT_FILE = 'src/main.ts';
export const ROOT_ID = 'root';

const dom = `// Shared by every module: draws text into an element, creating it (and its
// parent, under #app) on first use, so a second render only changes text.
export function container(parentId: string, id: string): HTMLElement {
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("div");
    el.id = id;
    const parent = document.getElementById(parentId) ?? document.body;
    parent.appendChild(el);
  }
  return el;
}

export function draw(parentId: string, id: string, text: string): HTMLElement {
  const el = container(parentId, id);
  if (el.textContent !== text) el.textContent = text;
  return el;
}
`;

function leaf(n, group, version = 0) {
  const parent = group;
  return `// Leaf ${n}: renders its text into #${leafId(n)} and re-renders itself on updates.
import { draw } from "../../lib/dom.ts";

interface Item {
  id: number;
  label: string;
  done: boolean;
}

type Filter = "all" | "open" | "done";

export const text: string = "${leafText(n, version)}";

const items: Item[] = [
  { id: ${n * 3}, label: "first of ${n}", done: false },
  { id: ${n * 3 + 1}, label: "second of ${n}", done: true },
  { id: ${n * 3 + 2}, label: "third of ${n}", done: false },
];

export function visible(filter: Filter): Item[] {
  return items.filter((item: Item) => filter === "all" || (filter === "done") === item.done);
}

export function render(): void {
  const el = draw("${parent}", "${leafId(n)}", text);
  el.dataset.open = String(visible("open").length);
}

if (import.meta.hot) {
  import.meta.hot.accept((next) => {
    next?.render();
  });
}
`;
}

function group(s, g) {
  const id = `s${s}-g${g}`;
  const list = leavesOf(s * GROUPS_PER_SECTION + g);
  const imports = list.map((n) => `import { render as render${n} } from "./${leafId(n)}.ts";`).join('\n');
  return `// Group ${id}: a container for ${list.length} leaves.
import { container } from "../../lib/dom.ts";
${imports}

export const leaves: number = ${list.length};

export function render(): void {
  container("s${s}", "${id}");
${list.map((n) => `  render${n}();`).join('\n')}
}
`;
}

function section(s) {
  const imports = Array.from({ length: GROUPS_PER_SECTION }, (_, g) => `import * as g${g} from "./g${g}/index.ts";`).join('\n');
  return `// Section s${s}: a container for ${GROUPS_PER_SECTION} groups.
import { container } from "../lib/dom.ts";
${imports}

const groups = [${Array.from({ length: GROUPS_PER_SECTION }, (_, g) => `g${g}`).join(', ')}];

export function render(): number {
  container("app", "s${s}");
  let leaves = 0;
  for (const group of groups) {
    group.render();
    leaves += group.leaves;
  }
  return leaves;
}
`;
}

function main(version = 0) {
  const imports = Array.from({ length: SECTIONS }, (_, s) => `import * as s${s} from "./s${s}/index.ts";`).join('\n');
  return `// Root of the benchmark app: renders the whole tree, then its own text.
import { draw } from "./lib/dom.ts";
${imports}

declare global {
  interface Window {
    __ready?: number;
    __leaves?: number;
  }
}

export const text: string = "${rootText(version)}";

const sections = [${Array.from({ length: SECTIONS }, (_, s) => `s${s}`).join(', ')}];

export function render(): number {
  let leaves = 0;
  for (const section of sections) leaves += section.render();
  draw("app", "${ROOT_ID}", text);
  return leaves;
}

// First load only: a re-run after an edit leaves the drawing to the callback.
if (window.__ready === undefined) {
  window.__leaves = render();
  window.__ready = performance.now();
}

if (import.meta.hot) {
  import.meta.hot.accept((next) => {
    next?.render();
  });
}
`;
}

const html = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>hmrc serve benchmark app</title>
  </head>
  <body>
    <div id="app"><div id="${ROOT_ID}"></div></div>
    <script type="module" src="./src/main.ts"></script>
  </body>
</html>
`;

// Writes the app into dir (which must not exist or be empty). Returns its
// shape and the files the benchmarks edit.
export function generateApp(dir, modules = 1000) {
  setShape(modules);
  const files = { 'index.html': html, 'src/lib/dom.ts': dom, [ROOT_FILE]: main() };
  for (let s = 0; s < SECTIONS; s++) {
    files[`src/s${s}/index.ts`] = section(s);
    for (let g = 0; g < GROUPS_PER_SECTION; g++) files[`src/s${s}/g${g}/index.ts`] = group(s, g);
  }
  for (let n = 0; n < shape.leaves; n++) files[leafFile(n)] = leaf(n, `s${Math.floor(groupOf(n) / GROUPS_PER_SECTION)}-g${groupOf(n) % GROUPS_PER_SECTION}`);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const ts = Object.keys(files).filter((f) => f.endsWith('.ts'));
  if (ts.length !== modules) throw new Error(`app: generated ${ts.length} modules, expected ${modules}`);
  return { ...shape, dir, files: Object.keys(files) };
}

// The source of leaf n or of the root at another version: what an edit writes.
export function leafSource(n, version) {
  const g = groupOf(n);
  return leaf(n, `s${Math.floor(g / GROUPS_PER_SECTION)}-g${g % GROUPS_PER_SECTION}`, version);
}
export const rootSource = (version) => main(version);

// Saves an edit the way the benchmarks do: in place, with one write(2) and no
// truncation first (the new text is never shorter: versions only grow).
// Editors that truncate and then write leave an empty file for a moment; Bun
// 1.4.5's watcher bundles that empty module, the page's accept callback then
// throws and Bun reloads the page. One write gives every watcher the whole
// new text at its first event, so no server is measured on a torn save.
export function saveEdit(file, text) {
  const buf = Buffer.from(text);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, buf, 0, buf.length, 0);
    if (fs.fstatSync(fd).size > buf.length) fs.ftruncateSync(fd, buf.length);
  } finally {
    fs.closeSync(fd);
  }
}
