// The React Refresh pass (src/transform/refresh): exact output for the
// shapes where text placement matters (no line moves, statements without
// `;`, wrappers that end where a statement ends, the dev server's form).
// What it registers and signs is checked against React's own Babel plugin
// by tests/node/refresh-conformance.test.mjs.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "transform/compile.hpp"

using namespace hmrc;

namespace {

// Dev, JSX preserved, refresh on; the HMR header (up to `});`) cut off.
std::string refreshed(std::string_view source, Loader loader = Loader::jsx,
                      std::string runtime = "", Mode mode = Mode::dev) {
  CompileOptions options;
  options.mode = mode;
  options.loader = loader;
  options.jsx.mode = JsxMode::preserve;
  options.module_id = "/src/a.jsx";
  options.refresh.enabled = true;
  options.refresh.runtime = std::move(runtime);
  CompileResult r = compile(source, options);
  if (!r.ok()) return "<error " + std::string(r.diagnostics.front().code) + ">";
  std::string out = r.code;
  std::size_t call = out.find("= __hmrc_createHotContext(");
  std::size_t end = call == std::string::npos ? call : out.find("});", call);
  if (end != std::string::npos) out.erase(0, end + 3);
  return out;
}

std::size_t lines(std::string_view s) { return std::count(s.begin(), s.end(), '\n'); }

}  // namespace

TEST_CASE("refresh: a function declaration is registered after itself, on its line") {
  CHECK(refreshed("function App() { return <p />; }\n") ==
        "function App() { return <p />; }_c = App;\n"
        "var _c;\n$RefreshReg$(_c, \"App\");\n");
}

TEST_CASE("refresh: a declaration without `;` gets one before what follows it") {
  CHECK(refreshed("const App = () => <p />\nlet x = 1\n") ==
        "const App = () => <p />;_c = App;\nlet x = 1\n"
        "var _c;\n$RefreshReg$(_c, \"App\");\n");
}

TEST_CASE("refresh: signatures go first in the body; an expression body becomes a block") {
  CHECK(refreshed("const A = () => useContext(C);\n") ==
        "var _s = $RefreshSig$();const A = () => { _s(); return useContext(C); };_c = A;"
        "_s(A, \"useContext{}\");\n"
        "var _c;\n$RefreshReg$(_c, \"A\");\n");
}

TEST_CASE("refresh: wrappers close before the statement after them, without `;`") {
  CHECK(refreshed("export const L = memo(function L() {\n  const [a] = useState(1)\n})\n") ==
        "var _s = $RefreshSig$();export let L = _s(memo(_c = _s(function L() {_s();\n"
        "  const [a] = useState(1)\n"
        "}, \"useState{[a](1)}\")), \"useState{[a](1)}\");_c2 = L;\n"
        "function __hmrc_set(__hmrc_n, __hmrc_v) { switch (__hmrc_n) { case \"L\": L = __hmrc_v; "
        "break; } }\n"
        "var _c, _c2;\n$RefreshReg$(_c, \"L$memo\");\n$RefreshReg$(_c2, \"L\");\n");
}

TEST_CASE("refresh: a custom hook that is not in scope forces a reset; one in scope is listed") {
  std::string out = refreshed(
      "import { useUser } from './u';\nexport function A() { useUser(); useGlobal(); }\n");
  CHECK(out.find("_s(A, \"useUser{}\\nuseGlobal{}\", true, function () { return [useUser]; });") !=
        std::string::npos);
}

TEST_CASE("refresh: `@refresh reset` forces a reset everywhere") {
  CHECK(refreshed("// @refresh reset\nfunction A() { useState(0); }\n")
            .find("_s(A, \"useState{(0)}\", true);") != std::string::npos);
}

TEST_CASE("refresh: handles step around names the module already uses") {
  std::string out = refreshed("let _c = 1;\nfunction A() {}\n");
  CHECK(out.find("_c2 = A;") != std::string::npos);
  CHECK(out.find("$RefreshReg$(_c2, \"A\")") != std::string::npos);
}

TEST_CASE("refresh: no line moves") {
  std::string source =
      "\"use client\"\nimport { memo } from 'react'\n"
      "export default memo(() => {\n  const [a, b] = useState(\"x\\ny\")\n  return <p>{a}</p>\n})\n"
      "export function B() { return useThing() }\n";
  std::string out = refreshed(source);
  std::size_t outro = out.find("\nvar _c");
  REQUIRE(outro != std::string::npos);
  CHECK(lines(out.substr(0, outro + 1)) == lines(source) + 1);  // + the exports' setter line
}

TEST_CASE("refresh: the dev server's form imports React's runtime and prefixes ids") {
  std::string out = refreshed("export function A() {}\n", Loader::jsx, "react-refresh/runtime");
  CHECK(out.find(
            "import __hmrc_RefreshRuntime from \"react-refresh/runtime\"; import { "
            "refreshModule as __hmrc_refreshModule } from \"/@hmrc/runtime.js\"; const "
            "$RefreshReg$ = (type, id) => __hmrc_RefreshRuntime.register(type, \"/src/a.jsx \" "
            "+ id), $RefreshSig$ = __hmrc_RefreshRuntime.createSignatureFunctionForTransform;") !=
        std::string::npos);
  CHECK(out.find("__hmrc_refreshModule(__hmrc_hot, __hmrc_RefreshRuntime);\n") !=
        std::string::npos);
  // Nothing to register or sign: nothing added.
  CHECK(refreshed("export const x = 1;\n", Loader::jsx, "react-refresh/runtime")
            .find("RefreshRuntime") == std::string::npos);
}

TEST_CASE("refresh: never in prod") {
  CompileOptions options;
  options.mode = Mode::prod;
  options.loader = Loader::jsx;
  options.jsx.mode = JsxMode::preserve;
  options.refresh.enabled = true;
  CHECK(compile("function App() { useState(); }\n", options).code ==
        "function App() { useState(); }\n");
}

TEST_CASE("refresh: TypeScript types stay erased around the edits") {
  CHECK(refreshed(
            "export const A: FC<P> = (p: P) => { const [n] = useState<number>(0); return n; };\n",
            Loader::tsx) ==
        "var _s = $RefreshSig$();export let A        = (p   ) => {_s(); const [n] = useState       "
        " (0); "
        "return n; };_c = A;_s(A, \"useState{[n](0)}\");\n"
        "function __hmrc_set(__hmrc_n, __hmrc_v) { switch (__hmrc_n) { case \"A\": A = __hmrc_v; "
        "break; } }\n"
        "var _c;\n$RefreshReg$(_c, \"A\");\n");
}

TEST_CASE("refresh: a body's directives stay first (React Compiler's \"use memo\")") {
  CHECK(refreshed("function A() {\n  \"use memo\"\n  useX();\n}\n")
            .starts_with(
                "var _s = $RefreshSig$();function A() {\n  \"use memo\";_s();\n  useX();\n}"));
  CHECK(refreshed("function A() {\n  'use memo';\n  function B() { useY(); }\n  useX();\n}\n")
            .find("'use memo';var _s2 = $RefreshSig$();_s();") != std::string::npos);
}
