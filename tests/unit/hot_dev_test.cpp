#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "transform/compile.hpp"

using namespace hmrc;

namespace {

constexpr std::string_view kHeader =
    "import { createHotContext as __hmrc_createHotContext } from \"/rt.js\"; const __hmrc_hot = "
    "__hmrc_createHotContext(";

constexpr std::string_view kUrl = "{ url: import.meta.url, ";

// Dev output with the fixed part of the header cut to `H(`.
std::string dev(std::string_view source, std::string module_id = {}, Loader loader = Loader::js) {
  CompileOptions options;
  options.loader = loader;
  options.runtime_specifier = "/rt.js";
  options.module_id = std::move(module_id);
  CompileResult r = compile(source, options);
  if (!r.ok()) return "<error>";
  std::string out = r.code;
  if (auto at = out.find(kHeader); at != std::string::npos) out.replace(at, kHeader.size(), "H(");
  if (auto at = out.find(kUrl); at != std::string::npos) out.replace(at, kUrl.size(), "{ ");
  return out;
}

}  // namespace

TEST_CASE("direct uses become the module's hot context") {
  CHECK(dev("import.meta.hot.accept();") ==
        "H(import.meta.url, { selfAccepting: true, dependencies: {}, imports: [] "
        "});__hmrc_hot.accept();");
  CHECK(dev("import.meta.hot?.dispose(f);") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: {}, imports: [] "
        "});__hmrc_hot?.dispose(f);");
  CHECK(dev("x = import.meta['hot'].data;") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: {}, imports: [] });x = "
        "__hmrc_hot.data;");
  CHECK(dev("import.meta.hot.data.n ??= 1;") ==
        "H(import.meta.url, { selfAccepting: true, dependencies: {}, imports: [] "
        "});__hmrc_hot.data.n ??= 1;");
}

TEST_CASE("accepted dependencies are resolved to the ids they give themselves") {
  CHECK(dev("import './a.js';\nimport.meta.hot.accept('./a.js', f);") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: { \"./a.js\": new "
        "URL(\"./a.js\", import.meta.url).href }, imports: [new URL(\"./a.js\", "
        "import.meta.url).href] });import './a.js';\n"
        "__hmrc_hot.accept('./a.js', f);");
  CHECK(dev("import '../lib/a.js';\nimport 'pkg';\nimport.meta.hot.accept(['../lib/a.js', 'pkg']);",
            "/src/app/main.js") ==
        "H(\"/src/app/main.js\", { selfAccepting: false, dependencies: { \"../lib/a.js\": "
        "\"/src/lib/a.js\", \"pkg\": \"pkg\" }, imports: [\"/src/lib/a.js\", \"pkg\"] });import "
        "'../lib/a.js';\nimport 'pkg';\n"
        "__hmrc_hot.accept(['../lib/a.js', 'pkg']);");
}

TEST_CASE("the header lists only the imports that remain after TypeScript elides some") {
  // `B` is used only as a type, `./t.js` is imported as a type: both go, as
  // from ModuleInfo::imports; a side-effect import and a used value stay.
  std::string_view source =
      "import type { T } from './t.js';\nimport { a } from './a.js';\nimport { B } from "
      "'./b.js';\nimport './c.js';\nlet x: B = a;";
  CHECK(dev(source, "/src/m.ts", Loader::ts)
            .starts_with("H(\"/src/m.ts\", { selfAccepting: false, dependencies: {}, imports: "
                         "[\"/src/a.js\", \"/src/c.js\"] });"));
  CompileOptions options;
  options.loader = Loader::ts;
  CHECK(compile(source, options).module_info.imports ==
        std::vector<std::string>{"./a.js", "./c.js"});
}

TEST_CASE("line numbers do not move") {
  CHECK(dev("#!/usr/bin/env node\nimport.meta.hot.accept();") ==
        "#!/usr/bin/env node\nH(import.meta.url, { selfAccepting: true, dependencies: {}, "
        "imports: [] });__hmrc_hot.accept();");
  CHECK(dev("import\n.meta\n.hot.decline();\nnext();")
            .ends_with("});__hmrc_hot\n\n.decline();\nnext();"));
}

TEST_CASE("every module gets the header: the runtime needs the whole graph") {
  CHECK(dev("log(import.meta.url);") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: {}, imports: [] });"
        "log(import.meta.url);");
  CHECK(dev("import a from './a.js';\nexport * from '../b.js';\nimport('./a.js');", "/src/m.js") ==
        "H(\"/src/m.js\", { selfAccepting: false, dependencies: {}, imports: [\"/src/a.js\", "
        "\"/b.js\"] });import a from './a.js';\nexport * from '../b.js';\nimport('./a.js');");
  std::string escaped = dev("inspect(import.meta);");
  CHECK(escaped.find(
            "});Object.defineProperty(import.meta, \"hot\", { configurable: true, get() {") !=
        std::string::npos);
  CHECK(escaped.find("import.meta.hot was reached indirectly in \" + import.meta.url + \"") !=
        std::string::npos);
  CHECK(escaped.ends_with("inspect(import.meta);"));
}

// Exports: the header is cut, the setter's fixed part is `S{` and cases are `"name": local`.
static std::string exports(std::string_view source, Loader loader = Loader::js) {
  std::string out = dev(source, {}, loader);
  out = out.substr(out.find("});") + 3);
  constexpr std::string_view kSet =
      "function __hmrc_set(__hmrc_n, __hmrc_v) { switch (__hmrc_n) { ";
  if (auto at = out.find(kSet); at != std::string::npos) out.replace(at, kSet.size(), "S{");
  for (std::size_t at; (at = out.find(" = __hmrc_v; break; ")) != std::string::npos;) {
    out.replace(at, 20, 1, ';');
  }
  for (std::size_t at; (at = out.find("case ")) != std::string::npos;) out.erase(at, 5);
  return out;
}

TEST_CASE("exported bindings become assignable and get a setter at the end") {
  CHECK(exports("export const a = 1, { b, c: [d] } = o;") ==
        "export let a = 1, { b, c: [d] } = o;\nS{\"a\": a;\"b\": b;\"d\": d;} }\n");
  CHECK(exports("export function f() {}\nexport class C {}\nexport var v;\n") ==
        "export function f() {}\nexport class C {}\nexport var v;\nS{\"C\": C;\"f\": f;\"v\": v;} "
        "}\n");
  CHECK(exports("const a = 1;\nlet b;\nexport { a, b as c, a as \"d e\" };") ==
        "let a = 1;\nlet b;\nexport { a, b as c, a as \"d e\" };\nS{\"a\": a;\"d e\": a;\"c\": b;} "
        "}\n");
  CHECK(exports("import { x } from './x.js';\nexport { x };\nexport * from './y.js';\nexport { z } "
                "from './z.js';") ==
        "import { x } from './x.js';\nexport { x };\nexport * from './y.js';\nexport { z } from "
        "'./z.js';");
}

TEST_CASE("default exports") {
  CHECK(exports("export default function App() {}") ==
        "export default function App() {}\nS{\"default\": App;} }\n");
  CHECK(
      exports("export default function () {}")
          .starts_with(
              "Object.defineProperty(__hmrc_default, \"name\", { value: \"default\", configurable: "
              "true });"
              "export default function __hmrc_default () {}\nS{\"default\": __hmrc_default;} }\n"));
  CHECK(exports("export default class {}") ==
        "export default class __hmrc_default {}Object.defineProperty(__hmrc_default, \"name\", { "
        "value: "
        "\"default\", configurable: true });\nS{\"default\": __hmrc_default;} }\n");
  CHECK(exports("export default 1 + 2;") ==
        "let __hmrc_default = 1 + 2;\nS{\"default\": __hmrc_default;} }"
        "export { __hmrc_default as default };\n");
  CHECK(exports("export /* c */ default () => 1") ==
        "let __hmrc_default /* c */ = () => 1;Object.defineProperty(__hmrc_default, \"name\", { "
        "value: \"default\", configurable: true });\nS{\"default\": __hmrc_default;} }"
        "export { __hmrc_default as default };\n");
}

TEST_CASE("writes to exported bindings are reported and keep their value") {
  CHECK(exports("export let n = 0;\nn++; n += 2; ({ n } = o); [n] = a;\n") ==
        "export let n = 0;\n__hmrc_hot.w(n++, \"n\"); __hmrc_hot.w(n += 2, \"n\"); (__hmrc_hot.w({ "
        "n } "
        "= o, \"n\")); __hmrc_hot.w([n] = a, \"n\");\nS{\"n\": n;} }\n");
  CHECK(exports("let a, b;\nexport { a, a as c, b };\na = b = 1;\nobj.a = 2;\n") ==
        "let a, b;\nexport { a, a as c, b };\n__hmrc_hot.w(a = __hmrc_hot.w(b = 1, \"b\"), \"a\", "
        "\"c\");\n"
        "obj.a = 2;\nS{\"a\": a;\"c\": a;\"b\": b;} }\n");
  CHECK(exports("export let x;\nfor (x of xs) f(x);\nfor (const x of xs) x;\n") ==
        "export let x;\nfor (x of xs) { __hmrc_hot.w(0, \"x\");f(x);}\nfor (const x of xs) "
        "x;\nS{\"x\": x;} }\n");
  // A const is only ever written through a shadowing name: nothing to report.
  CHECK(exports("export const k = 1;\nfunction f(k) { k = 2; }\n") ==
        "export let k = 1;\nfunction f(k) { k = 2; }\nS{\"k\": k;} }\n");
}

TEST_CASE("TypeScript: only declarations with a value are patched") {
  CHECK(exports("export const x: number = 1;\nexport abstract class A {}\n", Loader::ts) ==
        "export let x         = 1;\nexport          class A {}\nS{\"A\": A;\"x\": x;} }\n");
  std::string_view types =
      "export interface I {}\nexport type T = 1;\nexport declare const d: number;\n"
      "export default interface J {}\nexport function f(): void;\n";
  std::string out = exports(types, Loader::ts);  // erased by the TypeScript stage
  CHECK(out.find("S{") == std::string::npos);
  CHECK(out.find("let") == std::string::npos);
}

TEST_CASE("type-only imports are no edges of the module graph") {
  std::string out =
      dev("import type { T } from './t';\nexport type { U } from './u';\nimport { v } from "
          "'./v';\nv();\n",
          "/m.ts", Loader::ts);
  CHECK(out.find("imports: [\"/v\"]") != std::string::npos);
}
