// What the Chromium end-to-end tests share: Debian's chromium with the flags
// a headless test needs, a throwaway profile, and an app folder served by
// `hmrc serve` with npm packages linked from the repository's node_modules.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { repoRoot } from "../node/helpers.mjs";
import { startServer, writeTree } from "../node/server-helpers.mjs";

export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const chromiumArgs = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

// Chromium on a new profile; close() removes the profile too.
export async function launchChromium() {
  const profile = mkdtempSync(path.join(tmpdir(), "hmrc-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

// A new folder (`prefix` names it) holding `files`, or a copy of `copyFrom`
// without its node_modules, with `packages` linked from the repository's
// node_modules; served by `hmrc serve`, with a Chromium to open it.
// Returns { server, context, dir, close }; close() stops `server` as it is
// then (a test may restart it).
export async function serveApp({ prefix, files = {}, copyFrom, packages = [] }) {
  const dir = mkdtempSync(path.join(tmpdir(), `hmrc-e2e-${prefix}-`));
  if (copyFrom)
    cpSync(copyFrom, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
  mkdirSync(path.join(dir, "node_modules"), { recursive: true });
  for (const p of packages) symlinkSync(path.join(repoRoot, "node_modules", p), path.join(dir, "node_modules", p), "dir");
  writeTree(dir, files);
  const app = { server: await startServer({}, { dir }), context: await launchChromium(), dir };
  app.close = async () => {
    await app.context.close();
    await app.server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return app;
}
