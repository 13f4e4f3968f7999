// Shared by the node tests: where hmrc is, and how to run it.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const hmrcBin = process.env.HMRC_BIN ?? path.join(repoRoot, "build/src/cli/hmrc");

// Runs hmrc; returns { status, stdout, stderr } with text output.
export function hmrc(args, { input, cwd, env, as } = {}) {
  let [command, argv] = [hmrcBin, args];
  if (as) [command, argv] = ["setpriv", [`--reuid=${as}`, `--regid=${as}`, "--clear-groups", hmrcBin, ...args]];
  const r = spawnSync(command, argv, { input, cwd, env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = "hmrc-test-") {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export const isRoot = process.getuid?.() === 0;
