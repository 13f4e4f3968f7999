// tsconfig.json lookup, extends, comments and errors.
#include "config/tsconfig.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace hmrc;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / fmt_name();
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  static std::string fmt_name() {
    static int n = 0;
    return "hmrc-tsconfig-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
  }
  void write(const std::string& rel, std::string_view text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

config::TsConfig load_ok(const fs::path& p) {
  config::LoadResult r = config::load_tsconfig(p);
  REQUIRE(std::holds_alternative<config::TsConfig>(r));
  return std::get<config::TsConfig>(r);
}

}  // namespace

TEST_CASE("the nearest tsconfig.json above the input") {
  TempDir d;
  d.write("tsconfig.json", "{}");
  d.write("src/deep/a.ts", "");
  CHECK(config::find_tsconfig(d.path / "src/deep/a.ts") == d.path / "tsconfig.json");
  d.write("src/tsconfig.json", "{}");
  CHECK(config::find_tsconfig(d.path / "src/deep/a.ts") == d.path / "src/tsconfig.json");
}

TEST_CASE("comments, trailing commas, extends chains and arrays") {
  TempDir d;
  d.write("base.json",
          R"({ "compilerOptions": { "experimentalDecorators": true, "jsx": "react", } })");
  d.write("node_modules/@org/cfg/tsconfig.json",
          R"({ "compilerOptions": { "emitDecoratorMetadata": true, "jsx": "preserve" } })");
  d.write("node_modules/pkg/package.json", R"({ "tsconfig": "conf.json" })");
  d.write("node_modules/pkg/conf.json", R"({ "compilerOptions": { "target": "es2020" } })");
  d.write("tsconfig.json", R"(// a comment
    { "extends": ["./base", "@org/cfg/tsconfig.json", "pkg"], /* more */
      "compilerOptions": { "jsxFactory": "h", }, })");
  config::TsConfig c = load_ok(d.path / "tsconfig.json");
  CHECK(c.options.experimental_decorators == true);
  CHECK(c.options.emit_decorator_metadata == true);
  CHECK(c.options.jsx == "preserve");  // the later base wins
  CHECK(c.options.jsx_factory == "h");
  CHECK(c.files.size() == 4);
  CompileOptions o;
  config::apply_tsconfig(c.options, {}, o);
  CHECK(o.ts.experimental_decorators);
  CHECK(!o.ts.use_define_for_class_fields);  // target es2020
  CHECK(o.jsx.mode == JsxMode::preserve);
  CHECK(o.jsx.factory == "h");
  config::ExplicitFlags flags;
  flags.jsx = true;
  CompileOptions o2;
  config::apply_tsconfig(c.options, flags, o2);
  CHECK(o2.jsx.mode == JsxMode::automatic);  // the flag given wins
}

TEST_CASE("useDefineForClassFields follows the target") {
  CompileOptions o;
  config::CompilerOptions c;
  c.target = "ES2022";
  config::apply_tsconfig(c, {}, o);
  CHECK(o.ts.use_define_for_class_fields);
  c.target = "ES2017";
  config::apply_tsconfig(c, {}, o);
  CHECK(!o.ts.use_define_for_class_fields);
  c.use_define_for_class_fields = true;
  config::apply_tsconfig(c, {}, o);
  CHECK(o.ts.use_define_for_class_fields);
}

TEST_CASE("a target that is not a year counts as ESNext, and never throws") {
  // Found by tests/fuzz (tsconfig): "eses52" threw std::invalid_argument from std::stoi.
  for (const char* target : {"eses52", "es+202", "es 202", "es20x1", "ES2O22", "es99999"}) {
    CAPTURE(target);
    CompileOptions o;
    config::CompilerOptions c;
    c.target = target;
    CHECK_NOTHROW(config::apply_tsconfig(c, {}, o));
    CHECK(o.ts.use_define_for_class_fields);
  }
}

TEST_CASE("broken tsconfigs name file, line and column") {
  TempDir d;
  d.write("tsconfig.json", "{\n  \"compilerOptions\": {\n    \"jsx\": \"react\" \"x\"\n  }\n}");
  config::LoadResult r = config::load_tsconfig(d.path / "tsconfig.json");
  REQUIRE(std::holds_alternative<config::TsConfigError>(r));
  auto e = std::get<config::TsConfigError>(r);
  CHECK(e.code == "TSC001");
  CHECK(e.line == 3);
  CHECK(e.column == 20);
  d.write("tsconfig.json", R"({ "extends": "./missing" })");
  r = config::load_tsconfig(d.path / "tsconfig.json");
  REQUIRE(std::holds_alternative<config::TsConfigError>(r));
  CHECK(std::get<config::TsConfigError>(r).code == "TSC002");
  d.write("tsconfig.json", R"({ "compilerOptions": { "experimentalDecorators": "yes" } })");
  r = config::load_tsconfig(d.path / "tsconfig.json");
  REQUIRE(std::holds_alternative<config::TsConfigError>(r));
  CHECK(std::get<config::TsConfigError>(r).render() ==
        (d.path / "tsconfig.json").string() +
            ":1:24: error: `experimentalDecorators` must be true or false [TSC003]\n");
  d.write("a.json", R"({ "extends": "./b.json" })");
  d.write("b.json", R"({ "extends": "./a.json" })");
  r = config::load_tsconfig(d.path / "a.json");
  REQUIRE(std::holds_alternative<config::TsConfigError>(r));
  CHECK(std::get<config::TsConfigError>(r).message == "circular `extends`");
}

TEST_CASE("import elision follows verbatimModuleSyntax and importsNotUsedAsValues") {
  auto compile_with = [](std::string_view source, config::CompilerOptions c) {
    CompileOptions o;
    o.mode = Mode::prod;
    config::apply_tsconfig(c, {}, o);
    return compile(source, o).code;
  };
  config::CompilerOptions none;
  CHECK(compile_with("import { A } from 'a'; let x: A;", none) ==
        "                       let x   ;");
  config::CompilerOptions verbatim;
  verbatim.verbatim_module_syntax = true;
  CHECK(compile_with("import { A, type B } from 'a'; let x: A;", verbatim) ==
        "import { A,        } from 'a'; let x   ;");
  config::CompilerOptions preserve;
  preserve.imports_not_used_as_values = "preserve";
  CHECK(compile_with("import { A } from 'a'; let x: A;", preserve) ==
        "import            'a'; let x   ;");
}
