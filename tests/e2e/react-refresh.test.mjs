// End to end: React Fast Refresh under the real `hmrc serve`, in headless
// Chromium, with react, react-dom and react-refresh from npm (pinned in
// package.json, symlinked into the app's node_modules). Each edit is checked
// in the page: the new text shows, component state is kept or reset as React
// Refresh's rules say, and the page never reloads.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot } from "../node/helpers.mjs";
import { serveApp } from "./browser.mjs";

const packages = ["react", "react-dom", "scheduler", "react-refresh"];

const counter = (text, hooks = "const [n, setN] = useState(0);") => `import { useState } from "react";
export default function App() {
  ${hooks}
  return (
    <main>
      <button id="inc" onClick={() => setN(n + 1)}>${text} {n}</button>
      <Sibling />
    </main>
  );
}
function Sibling() {
  const [s, setS] = useState(0);
  return <button id="sib" onClick={() => setS(s + 1)}>sibling {s}</button>;
}
`;

const app = {
  "index.html": `<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
  "src/main.tsx": `import { createRoot } from "react-dom/client";
import App from "./App";
createRoot(document.getElementById("root")!).render(<App />);
`,
  "src/App.tsx": counter("count"),
};

// Many kinds of module in one app, each edited in turn (the second test).
const many = {
  "many.html": `<!doctype html><html><body><div id="root"></div><script type="module" src="/many/main.tsx"></script></body></html>`,
  "many/main.tsx": `import { createRoot } from "react-dom/client";
import { Shell } from "./Shell";
createRoot(document.getElementById("root")!).render(<Shell />);
`,
  "many/Shell.tsx": `import { Fancy } from "./Fancy";
import { Label, LABEL } from "./Label";
import { Stepper } from "./Stepper";
import { Legacy } from "./Legacy";
import { Reset } from "./Reset";
import { ThemeProvider, Themed } from "./Theme";
export const Shell = () => (
  <ThemeProvider>
    <Fancy id="fancy" />
    <Label />
    <p id="const">{LABEL}</p>
    <Stepper />
    <Legacy />
    <Reset />
    <Themed />
  </ThemeProvider>
);
`,
  "many/Fancy.tsx": `import { memo, forwardRef, useState } from "react";
export const Fancy = memo(forwardRef<HTMLButtonElement, { id: string }>(function Fancy(props, ref) {
  const [n, setN] = useState(0);
  return <button ref={ref} id={props.id} onClick={() => setN(n + 1)}>fancy {n}</button>;
}));
`,
  "many/Label.tsx": `import { useState } from "react";
export const LABEL = "label one";
export function Label() {
  const [n, setN] = useState(0);
  return <button id="label" onClick={() => setN(n + 1)}>{LABEL}: {n}</button>;
}
`,
  "many/useStep.ts": `import { useState } from "react";
export function useStep(step: number) {
  const [n, setN] = useState(0);
  return [n, () => setN(n + step)] as const;
}
`,
  "many/Stepper.tsx": `import { useStep } from "./useStep";
export function Stepper() {
  const [n, next] = useStep(1);
  return <button id="step" onClick={next}>step {n}</button>;
}
`,
  "many/Legacy.tsx": `import React from "react";
export class Legacy extends React.Component<{}, { n: number }> {
  state = { n: 0 };
  render() {
    return <button id="legacy" onClick={() => this.setState({ n: this.state.n + 1 })}>legacy {this.state.n}</button>;
  }
}
`,
  "many/Reset.tsx": `// @refresh reset
import { useState } from "react";
export function Reset() {
  const [n, setN] = useState(0);
  return <button id="reset" onClick={() => setN(n + 1)}>reset {n}</button>;
}
`,
  // The context in a module of its own: a module that runs again makes a new
  // context, and everything under its provider would remount (as with Vite).
  "many/context.ts": `import { createContext } from "react";
export const Theme = createContext("light");
`,
  "many/Theme.tsx": `import { useContext, useState, type ReactNode } from "react";
import { Theme } from "./context";
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setTheme] = useState("dark");
  return <Theme.Provider value={theme}><button id="theme" onClick={() => setTheme(theme + "!")}>theme</button>{children}</Theme.Provider>;
}
export function Themed() {
  const theme = useContext(Theme);
  return <p id="themed">themed {theme}</p>;
}
`,
};

describe("React Fast Refresh in Chromium", () => {
  let served, server, context, dir;

  before(async () => {
    served = await serveApp({ prefix: "refresh", packages, files: { ...app, ...many } });
    ({ server, context, dir } = served);
  });
  after(() => served?.close());

  const diagnose = (page) => `\npage:\n${page.logs.join("\n")}\nserver:\n${server.lines.join("\n")}${server.errors}`;
  async function text(page, selector, expected) {
    await page
      .waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, expected], { timeout: 10000 })
      .catch(async () => {
        const got = await page.evaluate((s) => document.querySelector(s)?.textContent, selector);
        const all = await page.evaluate(() => document.body.innerText);
        throw new Error(`${selector}: expected "${expected}", got "${got}" in:\n${all}${diagnose(page)}`);
      });
  }

  test("an edit keeps the count; a hook-order edit resets it; no reload", async () => {
    const page = await context.newPage();
    page.logs = [];
    page.on("console", (m) => page.logs.push(m.text()));
    page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
    await page.goto(server.url + "/");
    await text(page, "#inc", "count 0");
    for (let i = 0; i < 3; i++) await page.click("#inc");
    await page.click("#sib");
    await text(page, "#inc", "count 3");
    await page.evaluate(() => (window.loadedOnce = true));

    writeFileSync(path.join(dir, "src/App.tsx"), counter("clicks"));
    await text(page, "#inc", "clicks 3");
    await text(page, "#sib", "sibling 1");

    // Another hook before useState: the signature changes, App remounts.
    writeFileSync(path.join(dir, "src/App.tsx"), counter("reset", "const [m] = useState(5);\n  const [n, setN] = useState(0);"));
    await text(page, "#inc", "reset 0");
    assert.equal(await page.evaluate(() => window.loadedOnce), true, "the page reloaded" + diagnose(page));
    assert.ok(!page.logs.some((l) => /pageerror|full reload/i.test(l)), diagnose(page));

    // A render error: the overlay shows it; the next good edit renders again.
    writeFileSync(path.join(dir, "src/App.tsx"), counter("boom", "const [n, setN] = useState(0);\n  if (n === 0) throw new Error(\"render failed\");"));
    await page
      .waitForFunction(() => /render failed/.test(document.querySelector("hmrc-error-overlay")?.shadowRoot?.textContent ?? ""), null, { timeout: 10000 })
      .catch(async () => {
        throw new Error("no overlay for the render error: " + (await page.evaluate(() => document.body.innerHTML)) + diagnose(page));
      });
    writeFileSync(path.join(dir, "src/App.tsx"), counter("back"));
    await text(page, "#inc", "back 0");
    assert.equal(await page.evaluate(() => window.loadedOnce), true, "the page reloaded" + diagnose(page));
    await page.close();
  });

  test("memo and forwardRef, a mixed module, a hook module, a class, @refresh reset, a context, errors", async () => {
    const page = await context.newPage();
    page.logs = [];
    page.on("console", (m) => page.logs.push(m.text()));
    page.on("pageerror", (e) => page.logs.push(`pageerror: ${e.message}`));
    await page.goto(server.url + "/many.html");
    await text(page, "#fancy", "fancy 0");
    for (const id of ["#fancy", "#fancy", "#label", "#step", "#legacy", "#reset", "#theme"]) await page.click(id);
    await text(page, "#fancy", "fancy 2");
    await text(page, "#themed", "themed dark!");
    await page.evaluate(() => (window.loadedOnce = true));
    const edit = async (file, from, to) => {
      const p = path.join(dir, file);
      const before = (await import("node:fs")).readFileSync(p, "utf8");
      assert.ok(before.includes(from), `${file} has no ${from}`);
      writeFileSync(p, before.replace(from, to));
    };

    // memo(forwardRef(...)): state kept.
    await edit("many/Fancy.tsx", "fancy {n}", "fancier {n}");
    await text(page, "#fancy", "fancier 2");
    // A module exporting a component and a constant: both update in place,
    // where Vite would propagate the update to its importers.
    await edit("many/Label.tsx", `"label one"`, `"label two"`);
    await text(page, "#label", "label two: 1");
    await text(page, "#const", "label two");
    // A custom hook in its own module: its importer refreshes, state kept.
    await edit("many/useStep.ts", "setN(n + step)", "setN(n + step * 10)");
    await page.click("#step");
    await text(page, "#step", "step 11");
    // A class component remounts (state lost), without a page reload.
    await edit("many/Legacy.tsx", "legacy {this", "old {this");
    await text(page, "#legacy", "old 0");
    // @refresh reset: remounts on every edit.
    await edit("many/Reset.tsx", "reset {n}", "again {n}");
    await text(page, "#reset", "again 0");
    // The context provider's state survives an edit of its module.
    await edit("many/Theme.tsx", "themed {theme}", "now {theme}");
    await text(page, "#themed", "now dark!");
    await text(page, "#fancy", "fancier 2");

    // A syntax error keeps the old UI and its state; the fix refreshes.
    await edit("many/Fancy.tsx", "fancier {n}", "broken {n");
    await new Promise((r) => setTimeout(r, 500));
    await text(page, "#fancy", "fancier 2");
    await edit("many/Fancy.tsx", "broken {n", "fixed {n}");
    await text(page, "#fancy", "fixed 2");

    // A hook-signature change resets that component only: the others keep their state.
    await edit("many/Fancy.tsx", "const [n, setN] = useState(0);", "const [n, setN] = useState(100);");
    await text(page, "#fancy", "fixed 100");
    await text(page, "#label", "label two: 1");
    await text(page, "#step", "step 11");

    assert.equal(await page.evaluate(() => window.loadedOnce), true, "the page reloaded" + diagnose(page));
    assert.ok(!page.logs.some((l) => /full reload/i.test(l)), diagnose(page));
    await page.close();
  });
});

// examples/react, what tools/example serves: a new user's first minute.
describe("examples/react in Chromium", () => {
  let served, server, context, dir;

  before(async () => {
    served = await serveApp({ prefix: "example-react", packages, copyFrom: path.join(repoRoot, "examples/react") });
    ({ server, context, dir } = served);
  });
  after(() => served?.close());

  test("click, edit the counter and the app's title: the count stays", async () => {
    const page = await context.newPage();
    const logs = [];
    page.on("console", (m) => logs.push(m.text()));
    page.on("pageerror", (e) => logs.push(`pageerror: ${e.message}`));
    await page.goto(server.url + "/");
    const has = (selector, expected) =>
      page
        .waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, expected], { timeout: 10000 })
        .catch(() => {
          throw new Error(`${selector} never read "${expected}"\n${logs.join("\n")}\n${server.lines.join("\n")}`);
        });
    await has("#more", "+1");
    for (let i = 0; i < 3; i++) await page.click("#more");
    await has("#count", "3");
    await page.evaluate(() => (window.loadedOnce = true));
    const edit = (file, from, to) => {
      const p = path.join(dir, file);
      const text = readFileSync(p, "utf8");
      assert.ok(text.includes(from), `${file} has no ${from}`);
      writeFileSync(p, text.replace(from, to));
    };
    edit("src/Counter.tsx", "+{step}", "add {step}");
    await has("#more", "add 1");
    await has("#count", "3");
    edit("src/App.tsx", `"hmrc + React"`, `"Fast Refresh"`);
    await has("h1", "Fast Refresh");
    await has("#count", "3");
    // The stylesheet the page links is served.
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("#count")).fontWeight), "700");
    assert.equal(await page.evaluate(() => window.loadedOnce), true, "the page reloaded");
    await page.close();
  });
});

// An app with react but not react-refresh: hmrc's embedded copy of the runtime.
describe("React Fast Refresh without react-refresh installed", () => {
  let served, server, context, dir;

  before(async () => {
    served = await serveApp({ prefix: "refresh-embedded", packages: ["react", "react-dom", "scheduler"], files: app });
    ({ server, context, dir } = served);
  });
  after(() => served?.close());

  test("the count survives an edit", async () => {
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(server.url + "/");
    const has = (expected) =>
      page
        .waitForFunction((t) => document.querySelector("#inc")?.textContent === t, expected, { timeout: 10000 })
        .catch(() => {
          throw new Error(`#inc never read "${expected}"\n${server.lines.join("\n")}`);
        });
    await has("count 0");
    for (let i = 0; i < 3; i++) await page.click("#inc");
    await has("count 3");
    writeFileSync(path.join(dir, "src/App.tsx"), counter("edited"));
    await has("edited 3");
    assert.ok(requests.some((u) => u.includes("/@hmrc/react-refresh-runtime.js")), requests.join("\n"));
    assert.ok(server.lines.some((l) => l.includes("hmrc's copy of react-refresh")), server.lines.join("\n"));
    await page.close();
  });
});
