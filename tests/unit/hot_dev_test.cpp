#include <doctest/doctest.h>

#include <string>

#include "transform/compile.hpp"

using namespace hmrc;

namespace {

constexpr std::string_view kHeader =
    "import { createHotContext as __hmrc_createHotContext } from \"/rt.js\"; const __hmrc_hot = "
    "__hmrc_createHotContext(";

// Dev output with the fixed part of the header cut to `H(`.
std::string dev(std::string_view source, std::string module_id = {}) {
  CompileOptions options;
  options.loader = Loader::js;
  options.runtime_specifier = "/rt.js";
  options.module_id = std::move(module_id);
  CompileResult r = compile(source, options);
  if (!r.ok()) return "<error>";
  std::string out = r.code;
  if (auto at = out.find(kHeader); at != std::string::npos) out.replace(at, kHeader.size(), "H(");
  return out;
}

}  // namespace

TEST_CASE("direct uses become the module's hot context") {
  CHECK(dev("import.meta.hot.accept();") ==
        "H(import.meta.url, { selfAccepting: true, dependencies: {} });__hmrc_hot.accept();");
  CHECK(dev("import.meta.hot?.dispose(f);") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: {} });__hmrc_hot?.dispose(f);");
  CHECK(dev("x = import.meta['hot'].data;") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: {} });x = __hmrc_hot.data;");
  CHECK(dev("import.meta.hot.data.n ??= 1;") ==
        "H(import.meta.url, { selfAccepting: true, dependencies: {} });__hmrc_hot.data.n ??= 1;");
}

TEST_CASE("accepted dependencies are resolved to the ids they give themselves") {
  CHECK(dev("import './a.js';\nimport.meta.hot.accept('./a.js', f);") ==
        "H(import.meta.url, { selfAccepting: false, dependencies: { \"./a.js\": new "
        "URL(\"./a.js\", import.meta.url).href } });import './a.js';\n"
        "__hmrc_hot.accept('./a.js', f);");
  CHECK(dev("import '../lib/a.js';\nimport 'pkg';\nimport.meta.hot.accept(['../lib/a.js', 'pkg']);",
            "/src/app/main.js") ==
        "H(\"/src/app/main.js\", { selfAccepting: false, dependencies: { \"../lib/a.js\": "
        "\"/src/lib/a.js\", \"pkg\": \"pkg\" } });import '../lib/a.js';\nimport 'pkg';\n"
        "__hmrc_hot.accept(['../lib/a.js', 'pkg']);");
}

TEST_CASE("line numbers do not move") {
  CHECK(dev("#!/usr/bin/env node\nimport.meta.hot.accept();") ==
        "#!/usr/bin/env node\nH(import.meta.url, { selfAccepting: true, dependencies: {} "
        "});__hmrc_hot.accept();");
  CHECK(dev("import\n.meta\n.hot.decline();\nnext();").ends_with(
      "});__hmrc_hot\n\n.decline();\nnext();"));
}

TEST_CASE("modules without import.meta.hot are untouched; escaping import.meta is trapped") {
  CHECK(dev("log(import.meta.url);") == "log(import.meta.url);");
  std::string escaped = dev("inspect(import.meta);");
  CHECK(escaped.starts_with("Object.defineProperty(import.meta, \"hot\", { configurable: true, get() {"));
  CHECK(escaped.find("import.meta.hot was reached indirectly in \" + import.meta.url + \"") !=
        std::string::npos);
  CHECK(escaped.ends_with("inspect(import.meta);"));
}
