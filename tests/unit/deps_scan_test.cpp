// src/deps/scan: what the dependency bundler reads from a package file.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "deps/scan.hpp"

using hmrc::deps::scan_module;

namespace {

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string live_requires(const hmrc::deps::ScannedModule& m) {
  std::string out;
  for (const auto& d : m.requires_)
    if (!d.dead) out += d.specifier + ";";
  return out;
}

}  // namespace

TEST_CASE("NODE_ENV folds branches: requires in the dead one are not followed") {
  auto m = scan_module(R"(
if (process.env.NODE_ENV === 'production') { module.exports = require('./a.prod.js'); }
else { module.exports = require('./a.dev.js'); }
"production" !== process.env.NODE_ENV && require("./dev-only.js");
process.env.NODE_ENV === "production" && require("./prod-only.js");
var x = process.env.NODE_ENV !== "development" ? require("./p.js") : require("./d.js");
if (!(process.env.NODE_ENV == "development")) require("./never.js");
if (typeof window !== "undefined") require("./unknown.js");
)");
  CHECK(live_requires(m) == "./a.dev.js;./dev-only.js;./d.js;./unknown.js;");
  CHECK(m.cjs_reexports == std::vector<std::string>{"./a.dev.js"});
  // Each NODE_ENV is replaced.
  CHECK(std::count_if(m.edits.begin(), m.edits.end(),
                      [](const auto& e) { return e.text == "\"development\""; }) == 5);
  CHECK_FALSE(m.esm);
}

TEST_CASE("CommonJS export names as cjs-module-lexer finds them") {
  auto m = scan_module(R"(
exports.a = 1;
module.exports.b = 2;
exports["c-d"] = 3;
Object.defineProperty(exports, "e", { get: function () { return 5; } });
Object.defineProperty(exports, "__esModule", { value: true });
(function () { exports.inner = 1; })();
)");
  for (const char* n : {"a", "b", "c-d", "e", "__esModule", "inner"}) CHECK(has(m.cjs_exports, n));
  auto o = scan_module("module.exports = { x, y: 1, 'z': 2, ...require('./more') };");
  for (const char* n : {"x", "y", "z"}) CHECK(has(o.cjs_exports, n));
  CHECK(o.cjs_reexports == std::vector<std::string>{"./more"});
}

TEST_CASE("ES module imports, exports and uses of imported bindings") {
  auto m = scan_module(R"(import def, { a as b, c } from "./x.js";
import * as ns from "pkg";
export { b as renamed, c };
export * from "./star.js";
export { z } from "./z.js";
export * as all from "./all.js";
export const k = b + ns.q, [l, { m }] = [1, { m: 2 }];
export function f() { return { c }; }
export default class {}
function shadow(c) { return c; }
)");
  CHECK(m.esm);
  REQUIRE(m.imports.size() == 5);
  CHECK(m.imports[0].specifier == "./x.js");
  CHECK(m.imports[0].bindings.size() == 3);
  CHECK(m.imports[1].bindings[0].imported == "*");
  CHECK(m.star_exports == std::vector<int>{2});
  std::vector<std::string> names;
  for (const auto& e : m.exports) names.push_back(e.exported);
  for (const char* n : {"renamed", "c", "z", "all", "k", "l", "m", "f", "default"})
    CHECK(has(names, n));
  // `c` is declared again as a parameter: its uses keep a snapshot instead.
  CHECK(m.shadowed == std::vector<std::string>{"c"});
  bool b_use = false, shorthand = false;
  for (const auto& u : m.import_uses) {
    b_use |= u.name == "b";
    shorthand |= u.shorthand;
  }
  CHECK(b_use);
  CHECK_FALSE(shorthand);  // the only shorthand was `c`, shadowed
}

TEST_CASE("process and global are noticed; dynamic import() is a dependency") {
  auto m = scan_module("var g = global; if (process.browser) import('./lazy.js');");
  CHECK(m.uses_global);
  CHECK(m.uses_process);
  REQUIRE(m.requires_.size() == 1);
  CHECK(m.requires_[0].dynamic);
  CHECK(m.requires_[0].specifier == "./lazy.js");
}

TEST_CASE("deep nesting does not overflow the stack") {
  std::string deep(100000, '(');
  deep += "require('./x')";
  deep += std::string(100000, ')');
  auto m = scan_module(deep);
  CHECK(m.requires_.size() <= 1);
}

TEST_CASE("writes to exported let and var bindings are found, not to const or locals") {
  auto m = scan_module(R"(export let count = 0;
var total = 0;
let hidden = 0;
export { total };
export function add(n) { count += n; total = total + n; hidden++; count++; }
)");
  // count += n, total = ..., count++
  CHECK(m.export_writes.size() == 3);
}

TEST_CASE("every file of the pinned lodash-es and react scans") {
  namespace fs = std::filesystem;
  int files = 0;
  for (const char* dir :
       {EXAMPLES_DIR "/../node_modules/lodash-es", EXAMPLES_DIR "/../node_modules/react/cjs"}) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() != ".js") continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      auto m = scan_module(buffer.str());
      CHECK_FALSE(m.syntax_errors);
      ++files;
    }
  }
  CHECK(files > 600);
}
