// Starts the real `hmrc serve` on a temporary folder and a free port, and
// speaks raw HTTP to it where fetch() would normalise what we want to send.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import WebSocket from "ws";
import { hmrcBin, tempDir } from "./helpers.mjs";

// Writes { "rel/path": "text" } below dir.
export function writeTree(dir, files) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

export async function startServer(files = {}, { args = [], dir = tempDir("hmrc-serve-"), env = {} } = {}) {
  writeTree(dir, files);
  const port = args.includes("--port") ? [] : ["--port", "0"];
  const child = spawn(hmrcBin, ["serve", dir, ...port, "--color", "never", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const server = { child, dir, lines: [], errors: "", port: 0 };
  let stdout = "";
  child.stderr.on("data", (d) => (server.errors += d));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      stdout += d;
      const parts = stdout.split("\n");
      stdout = parts.pop();
      for (const line of parts) {
        server.lines.push(line);
        const m = /^hmrc serve: http:\/\/[^ ]*:(\d+)\//.exec(line);
        if (m) resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`hmrc serve exited with ${code}: ${server.errors}`)));
  });
  server.port = await ready;
  server.url = `http://127.0.0.1:${server.port}`;
  server.stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.on("exit", (code) => resolve(code));
      child.kill("SIGTERM");
    });
  // Resolves with the first log line matching re (already printed or not).
  server.waitForLine = (re, timeout = 3000) =>
    new Promise((resolve, reject) => {
      const found = server.lines.find((l) => re.test(l));
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no line ${re} in:\n${server.lines.join("\n")}`)), timeout);
      const onData = () => {
        const hit = server.lines.find((l) => re.test(l));
        if (hit) {
          clearTimeout(timer);
          child.stdout.off("data", onData);
          resolve(hit);
        }
      };
      child.stdout.on("data", onData);
    });
  return server;
}

// Sends bytes as they are and resolves with everything the server answered
// until it closed the connection (or `timeout` ms passed).
export function rawRequest(port, bytes, { timeout = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let data = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(data);
    }, timeout);
    socket.on("connect", () => socket.write(bytes));
    socket.on("data", (d) => (data += d.toString("latin1")));
    socket.on("end", () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      if (data) resolve(data);
      else reject(e);
    });
  });
}

export function get(port, target, headers = {}) {
  const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, "Connection: close"];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  return rawRequest(port, lines.join("\r\n") + "\r\n\r\n");
}

export function statusOf(response) {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
}

// A connected page: collects messages; next(type) waits for one of that type.
export function openPage(port, { origin, host } = {}) {
  const headers = {};
  if (host) headers.Host = host;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/@hmrc/ws`, { origin, headers });
  const page = { ws, messages: [], waiters: [] };
  ws.on("message", (data) => {
    const message = JSON.parse(data.toString());
    page.messages.push(message);
    page.waiters = page.waiters.filter((w) => !w(message));
  });
  page.next = (type, timeout = 3000) =>
    new Promise((resolve, reject) => {
      const seen = page.messages.findIndex((m) => m.type === type);
      if (seen >= 0) return resolve(page.messages.splice(seen, 1)[0]);
      const timer = setTimeout(() => reject(new Error(`no ${type} message; got ${JSON.stringify(page.messages)}`)), timeout);
      page.waiters.push((m) => {
        if (m.type !== type) return false;
        clearTimeout(timer);
        page.messages.splice(page.messages.indexOf(m), 1);
        resolve(m);
        return true;
      });
    });
  page.opened = new Promise((resolve, reject) => {
    ws.on("open", resolve);
    ws.on("unexpected-response", (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.on("error", reject);
  });
  // Resolves once the close handshake is over: the server has seen the page go.
  page.close = () =>
    new Promise((resolve) => {
      if (ws.readyState === ws.CLOSED) return resolve();
      ws.once("close", resolve);
      ws.close();
    });
  return page;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
