// The app of the first page load measurement (server-firstload-measure.mjs)
// and of its end-to-end test: N native ES modules in TypeScript,
// index.html -> src/main.ts -> src/groups/groupG.ts -> src/leaves/leafI.ts.
// Each leaf renders its text into #app and accepts its own updates; main.ts
// sets window.__loaded = { total, rendered, at } when everything has run.
// 1 main + G groups + the rest leaves, G about sqrt(N). { "rel/path": text }
export function generateApp(n, { chain = false } = {}) {
  const groups = Math.max(1, Math.round(Math.sqrt(n)));
  const leaves = n - 1 - groups;
  const files = {
    "index.html": `<!doctype html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <title>${n} modules</title>\n  <script>performance.setResourceTimingBufferSize(100000)</script>\n</head>\n<body>\n  <div id="app"></div>\n  <script type="module" src="/src/main.ts"></script>\n</body>\n</html>\n`,
  };
  const members = Array.from({ length: groups }, () => []);
  for (let i = 0; i < leaves; i++) members[i % groups].push(i);
  for (let i = 0; i < leaves; i++) {
    files[`src/leaves/leaf${i}.ts`] = `const root: HTMLElement = document.getElementById("app")!;
const el: HTMLDivElement = document.createElement("div");
el.className = "leaf";
root.append(el);

export const text: string = "leaf ${i}";

export function render(value: string): void {
  el.textContent = value;
}
render(text);

if (import.meta.hot) {
  import.meta.hot.accept((next?: { text: string }) => {
    if (next) render(next.text);
  });
}
`;
  }
  // chain: main imports group0 only and each group the next one, so the
  // browser finds the graph G levels deep instead of 3.
  for (let g = 0; g < groups; g++) {
    const imports = members[g].map((i) => `import { text as t${i} } from "../leaves/leaf${i}.ts";`);
    const own = members[g].map((i) => `t${i}`);
    if (chain && g + 1 < groups) {
      imports.push(`import { texts as next } from "./group${g + 1}.ts";`);
      own.push("...next");
    }
    files[`src/groups/group${g}.ts`] = `${imports.join("\n")}\n\nexport const texts: string[] = [${own.join(", ")}];\n`;
  }
  const roots = chain ? 1 : groups;
  const imports = Array.from({ length: roots }, (_, g) => `import { texts as g${g} } from "./groups/group${g}.ts";`).join("\n");
  files["src/main.ts"] = `${imports}

const total: number = [${Array.from({ length: roots }, (_, g) => `g${g}`).join(", ")}].reduce((sum, t) => sum + t.length, 0);
const rendered = document.querySelectorAll(".leaf").length;
const loaded = { total, rendered, at: performance.now() };
(window as any).__loaded = loaded;

// ?report=URL: a measurement harness without a debugger attached gets the
// figures by POST and answers with the next URL to open (or nothing).
const report = new URLSearchParams(location.search).get("report");
if (report) {
  const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const counts = { resources: entries.length, fetched: 0, revalidated: 0, cached: 0 };
  for (const e of entries) {
    if (e.transferSize === 0) counts.cached++;
    else if (e.transferSize < e.encodedBodySize || e.encodedBodySize === 0) counts.revalidated++;
    else counts.fetched++;
  }
  const html = (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.responseEnd ?? 0;
  const lastModule = Math.max(0, ...entries.map((e) => e.responseEnd));
  fetch(report, { method: "POST", body: JSON.stringify({ ...loaded, ...counts, html, lastModule }) })
    .then((r) => r.text())
    .then((next) => {
      if (next) location.href = next;
    });
}
`;
  return files;
}

