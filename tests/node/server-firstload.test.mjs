// hmrc serve and the first page load: the import map injected into pages, versioned module URLs with immutable caching,
// unversioned URLs still revalidated, and the graph compiled ahead.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { sleep, startServer } from "./server-helpers.mjs";

const files = {
  "index.html": '<!doctype html>\n<html><head><title>t</title></head><body>\n<script type="module" src="src/main.ts?x=1"></script>\n<script src="/classic.js"></script>\n</body></html>\n',
  "src/main.ts": 'import { a } from "./a.ts";\nimport { b } from "./b";\nimport("./lazy.ts");\nconsole.log(a, b);\n',
  "src/a.ts": 'import { c } from "../lib/c.ts";\nexport const a: number = c;\n',
  "src/b.ts": 'export const b = "b";\nimport.meta.hot.accept();\n',
  "src/lazy.ts": "export const lazy = 1;\n",
  "lib/c.ts": 'import { broken } from "./broken.ts";\nexport const c = 3;\n',
  "lib/broken.ts": "export const broken = ;\n",
  "src/unused.ts": "export const unused = 1;\n",
  "classic.js": "console.log('classic');\n",
  "app/index.html": "<html><body><script type=module src=./m.ts></script></body></html>\n",
  "app/m.ts": "export const m = 1;\n",
  "own-map/index.html": '<html><head><script type="importmap">{"imports":{"lib":"/own-map/lib.ts"}}</script></head><body><script type=module src=./m.ts></script></body></html>\n',
  "own-map/m.ts": "export const m = 1;\n",
};

// { id: url } of the page's import map, and where it is.
function headOf(html) {
  const map = /<script type="importmap">(.*?)<\/script>/s.exec(html);
  return { imports: map ? JSON.parse(map[1]).imports : null, mapAt: map?.index ?? -1 };
}

describe("hmrc serve: first page load", () => {
  let server;
  const write = (rel, text) => writeFileSync(path.join(server.dir, rel), text);
  before(async () => {
    server = await startServer(files);
  });
  after(async () => {
    await server.stop();
  });

  test("the page lists its static graph in an import map, versions = ETags", async () => {
    const res = await fetch(server.url + "/");
    assert.equal(res.headers.get("cache-control"), "no-cache");
    const html = await res.text();
    const { imports, mapAt } = headOf(html);
    // First in <head>: before any script that could load a module.
    assert.equal(mapAt, html.indexOf("<head>") + "<head>".length);
    assert.ok(html.indexOf('<script type="module" src="/@hmrc/client.js?v=') > mapAt);
    // The page's own module script loads the versioned URL (import maps do not apply to <script src>),
    // unless its src has a query of its own.
    assert.ok(html.includes('<script type="module" src="src/main.ts?x=1"></script>'));
    // The broken module is left out (its URL answers the error); the unused one was never reached.
    assert.deepEqual(Object.keys(imports).sort(), [
      "/@hmrc/client.js", "/@hmrc/runtime.js", "/lib/c.ts", "/src/a.ts", "/src/b", "/src/lazy.ts", "/src/main.ts",
    ]);
    for (const [id, url] of Object.entries(imports)) {
      const version = /^(.*)\?v=([0-9a-f]{16})$/.exec(url);
      assert.ok(version, url);
      assert.equal(version[1], id);
      const plain = await fetch(server.url + id);
      assert.equal(plain.status, 200, id);
      assert.equal(plain.headers.get("etag"), `"${version[2]}"`, id);
    }
  });

  test("a page's own module scripts load their versioned URL", async () => {
    const html = await (await fetch(server.url + "/app/")).text();
    const { imports } = headOf(html);
    assert.match(imports["/app/m.ts"], /^\/app\/m\.ts\?v=[0-9a-f]{16}$/);
    assert.ok(html.includes(`<script type=module src="${imports["/app/m.ts"]}"></script>`), html);
  });

  test("a page with an import map of its own gets the client only, and plain URLs", async () => {
    const html = await (await fetch(server.url + "/own-map/")).text();
    assert.equal(html.match(/<script type="importmap">/g).length, 1);
    assert.match(html, /<head><script type="module" src="\/@hmrc\/client.js"><\/script><script type="importmap">\{"imports":\{"lib"/);
    assert.ok(html.includes("<script type=module src=./m.ts></script>"));
  });

  test("versioned URLs are immutable; plain and outdated ones revalidate with their ETag", async () => {
    const { imports } = headOf(await (await fetch(server.url + "/")).text());
    for (const id of ["/src/a.ts", "/src/b", "/@hmrc/runtime.js"]) {
      const versioned = await fetch(server.url + imports[id]);
      assert.equal(versioned.status, 200);
      assert.equal(versioned.headers.get("cache-control"), "max-age=31536000, immutable", id);
      const plain = await fetch(server.url + id);
      assert.equal(plain.headers.get("cache-control"), "no-cache", id);
      assert.equal(await plain.text(), await versioned.text(), id);
      const revalidated = await fetch(server.url + id, { headers: { "if-none-match": plain.headers.get("etag") } });
      assert.equal(revalidated.status, 304, id);
    }
    // A version that is not the code's (a page from before an edit) gets the current code, not cached for good.
    const outdated = await fetch(server.url + "/src/a.ts?v=0123456789abcdef");
    assert.equal(outdated.status, 200);
    assert.equal(outdated.headers.get("cache-control"), "no-cache");
    // An update of a versioned module adds &t=: the same bytes, still immutable.
    const instance = await fetch(server.url + imports["/src/a.ts"] + "&t=5");
    assert.equal(instance.headers.get("cache-control"), "max-age=31536000, immutable");
    // The source map resolves from the versioned URL as from the plain one.
    const code = await instance.text();
    const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)[1];
    const mapUrl = new URL(mapName, server.url + imports["/src/a.ts"]);
    assert.equal(mapUrl.pathname, "/src/a.ts.map");
    const map = await fetch(mapUrl);
    assert.equal(map.status, 200);
    assert.deepEqual((await map.json()).sources, ["a.ts"]);
  });

  test("the graph is compiled when the server starts: the page's modules are cache hits", async () => {
    const fresh = await startServer(files);
    try {
      // No page was asked for: compile-ahead started by itself.
      await sleep(300);
      for (const id of ["/src/main.ts", "/src/a.ts", "/lib/c.ts"]) {
        const res = await fetch(fresh.url + id);
        assert.match(res.headers.get("server-timing"), /^cache;desc=hit/, id);
      }
      const unused = await fetch(fresh.url + "/src/unused.ts");
      assert.match(unused.headers.get("server-timing"), /^compile;dur=/);
      // The broken module was compiled ahead too; asking for it gives the error and the log line.
      assert.equal((await fetch(fresh.url + "/lib/broken.ts")).status, 500);
    } finally {
      await fresh.stop();
    }
  });

  test("a page asked for at once waits for its graph, then lists all of it", async () => {
    const fresh = await startServer(files);
    try {
      const { imports } = headOf(await (await fetch(fresh.url + "/")).text());
      assert.equal(Object.keys(imports).length, 7);
      const res = await fetch(fresh.url + imports["/lib/c.ts"]);
      assert.match(res.headers.get("server-timing"), /^cache;desc=hit/);
    } finally {
      await fresh.stop();
    }
  });

  test("after an edit the page names the new version of that module only", async () => {
    const before = headOf(await (await fetch(server.url + "/")).text()).imports;
    write("src/a.ts", 'import { c } from "../lib/c.ts";\nexport const a: number = c + 1;\n');
    await server.waitForLine(/src\/a\.ts/);
    const afterEdit = headOf(await (await fetch(server.url + "/")).text()).imports;
    for (const id of Object.keys(before)) {
      if (id === "/src/a.ts") assert.notEqual(afterEdit[id], before[id]);
      else assert.equal(afterEdit[id], before[id], id);
    }
    const code = await (await fetch(server.url + afterEdit["/src/a.ts"])).text();
    assert.match(code, /c \+ 1/);
    // A module added to the graph by an edit is listed at once.
    write("src/b.ts", 'import "../src/unused.ts";\nexport const b = "b";\nimport.meta.hot.accept();\n');
    await server.waitForLine(/hmr update src\/b\.ts /);
    const grown = headOf(await (await fetch(server.url + "/")).text()).imports;
    assert.match(grown["/src/unused.ts"], /^\/src\/unused\.ts\?v=[0-9a-f]{16}$/);
  });
});
