// hmrc serve and npm packages without a browser: the import map, the
// /@deps/ routes and their caching, and the errors for imports that do not
// resolve (a subpath "exports" refuses, a malformed package.json, a Node
// builtin required by a package).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startServer } from "./server-helpers.mjs";

const json = (o) => JSON.stringify(o);

describe("hmrc serve: npm dependencies", () => {
  let server;
  const get = (p, init) => fetch(server.url + p, init);
  const waitErrors = async (re) => {
    const until = Date.now() + 5000;
    while (!re.test(server.errors) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    assert.match(server.errors, re);
  };

  before(async () => {
    server = await startServer({
      "index.html": `<!doctype html><script type="module" src="/src/main.ts"></script>`,
      "src/main.ts": `import { a } from "pkg";\nimport hidden from "pkg/internal";\nimport bad from "broken";\nimport uses from "uses-fs";\nconsole.log(a, hidden, bad, uses);\n`,
      "node_modules/pkg/package.json": json({ name: "pkg", version: "2.0.0", exports: { ".": "./index.js" } }),
      "node_modules/pkg/index.js": `exports.a = 1;`,
      "node_modules/pkg/internal.js": `module.exports = 2;`,
      "node_modules/broken/package.json": `{ "name": "broken", `,
      "node_modules/broken/index.js": ``,
      "node_modules/uses-fs/package.json": json({ name: "uses-fs", version: "1.0.0" }),
      "node_modules/uses-fs/index.js": `module.exports = function () { return require("fs"); };`,
    });
  });
  after(() => server?.stop());

  test("the page maps each bare import to a versioned bundle, answered immutable", async () => {
    const html = await (await get("/")).text();
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(html)[1]).imports;
    assert.match(map.pkg, /^\/@deps\/pkg@2\.0\.0\/index\.js\?v=[0-9a-f]{16}$/);
    assert.ok(!("pkg/internal" in map));
    const versioned = await get(map.pkg);
    assert.equal(versioned.status, 200);
    assert.equal(versioned.headers.get("cache-control"), "max-age=31536000, immutable");
    assert.equal(versioned.headers.get("content-type"), "text/javascript; charset=utf-8");
    const code = await versioned.text();
    assert.match(code, /export \{ __hmrc_e0 as a \}/);
    const plain = await get(map.pkg.replace(/\?.*/, ""));
    assert.equal(plain.headers.get("cache-control"), "no-cache");
    const etag = plain.headers.get("etag");
    assert.equal((await get(map.pkg.replace(/\?.*/, ""), { headers: { "If-None-Match": etag } })).status, 304);
    assert.equal((await get(map.pkg, { method: "HEAD" })).status, 200);
    assert.equal((await get("/@deps/nothing@1.0.0/x.js")).status, 404);
  });

  test("a subpath exports does not allow, and a malformed package.json, are errors naming them", async () => {
    await get("/");
    await waitErrors(/src\/main\.ts:2: error: cannot resolve "pkg\/internal" from src\/main\.ts:2: package "pkg": subpath "\.\/internal" is not exported by its package\.json "exports".*\[DEP001\]/);
    await waitErrors(/src\/main\.ts:3: error: cannot resolve "broken" from src\/main\.ts:3: .*node_modules\/broken\/package\.json is malformed: invalid JSON/);
  });

  test("a Node builtin required by a package is a warning, and throws only when required", async () => {
    const html = await (await get("/")).text();
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(html)[1]).imports;
    await server.waitForLine(/^deps: warning: .*"fs" is a Node builtin, not available in the browser/);
    const code = await (await get(map["uses-fs"])).text();
    assert.match(code, /throw new Error\("hmrc: \\"fs\\" \(from uses-fs\/index\.js\) is a Node builtin module/);
  });
});
