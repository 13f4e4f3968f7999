// End to end: React Fast Refresh under the real `hmrc serve`, in headless
// Chromium, with react, react-dom and react-refresh from npm (pinned in
// package.json, symlinked into the app's node_modules). Each edit is checked
// in the page: the new text shows, component state is kept or reset as React
// Refresh's rules say, and the page never reloads.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { repoRoot } from "../node/helpers.mjs";
import { startServer, writeTree } from "../node/server-helpers.mjs";

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
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

describe("React Fast Refresh in Chromium", () => {
  let server, context, profile, dir;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "hmrc-e2e-refresh-"));
    mkdirSync(path.join(dir, "node_modules"));
    for (const p of packages) symlinkSync(path.join(repoRoot, "node_modules", p), path.join(dir, "node_modules", p), "dir");
    writeTree(dir, app);
    server = await startServer({}, { dir });
    profile = mkdtempSync(path.join(tmpdir(), "hmrc-e2e-profile-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs });
  });
  after(async () => {
    await context?.close();
    await server?.stop();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  const diagnose = (page) => `\npage:\n${page.logs.join("\n")}\nserver:\n${server.lines.join("\n")}${server.errors}`;
  async function text(page, selector, expected) {
    await page
      .waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, expected], { timeout: 10000 })
      .catch(async () => {
        const got = await page.evaluate((s) => document.querySelector(s)?.textContent, selector);
        throw new Error(`${selector}: expected "${expected}", got "${got}"${diagnose(page)}`);
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
    await page.close();
  });
});
