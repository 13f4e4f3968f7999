#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "server/http/paths.hpp"
#include "server/http/rules.hpp"
#include "server/updates/modules.hpp"

using namespace hmrc::server;
namespace fs = std::filesystem;

namespace {

// The normalised path, or "400"/"403".
std::string target(std::string_view t) {
  PathError error;
  auto url = parse_target(t, error);
  if (!url) return error == PathError::forbidden ? "403" : "400";
  return url->path;
}

}  // namespace

TEST_CASE("request targets: decoded before the segments are checked") {
  CHECK(target("/") == "/");
  CHECK(target("/src/main.ts?t=12#x") == "/src/main.ts");
  CHECK(target("/a//./b/") == "/a/b");
  CHECK(target("/a%20b.ts") == "/a b.ts");
  CHECK(target("/../etc/passwd") == "403");
  CHECK(target("/%2e%2e/etc/passwd") == "403");
  CHECK(target("/%2E%2E%2fetc") == "403");
  CHECK(target("/src/..%2f..%2fetc") == "403");
  CHECK(target("/a\\..\\b") == "403");
  CHECK(target("/a%00b") == "400");
  CHECK(target("/%zz") == "400");
  CHECK(target("/%2") == "400");
  CHECK(target("http://evil/") == "400");
  CHECK(target("") == "400");
}

TEST_CASE("Host and Origin: ours, not a rebinding name or another port") {
  HostRules rules("127.0.0.1", 5173);
  CHECK(rules.host_allowed("localhost"));
  CHECK(rules.host_allowed("localhost:5173"));
  CHECK(rules.host_allowed("127.0.0.1:80"));
  CHECK(rules.host_allowed("[::1]:5173"));
  CHECK(rules.host_allowed("app.localhost:5173"));
  CHECK_FALSE(rules.host_allowed("evil.com"));
  CHECK_FALSE(rules.host_allowed("localhost.evil.com"));
  CHECK_FALSE(rules.host_allowed("10.0.0.1"));
  CHECK_FALSE(rules.host_allowed("localhost:x"));
  CHECK_FALSE(rules.host_allowed(""));
  CHECK(rules.origin_allowed("http://localhost:5173"));
  CHECK(rules.origin_allowed("http://[::1]:5173"));
  CHECK_FALSE(rules.origin_allowed("http://localhost:3000"));
  CHECK_FALSE(rules.origin_allowed("http://evil.com:5173"));
  CHECK_FALSE(rules.origin_allowed("https://localhost:5173"));
  CHECK_FALSE(rules.origin_allowed("null"));

  HostRules everywhere("0.0.0.0", 8080);
  CHECK(everywhere.host_allowed("192.168.1.20:8080"));
  CHECK(everywhere.host_allowed("[fe80::1]:8080"));
  CHECK_FALSE(everywhere.host_allowed("evil.com:8080"));
  HostRules named("192.168.1.20", 8080);
  CHECK(named.host_allowed("192.168.1.20:8080"));
  CHECK_FALSE(named.host_allowed("192.168.1.21:8080"));
}

TEST_CASE("the client script goes first in <head>") {
  const std::string s(kClientScript);
  CHECK(inject_client("<html><head><title>") == "<html><head>" + s + "<title>");
  CHECK(inject_client("<HEAD lang=en>x") == "<HEAD lang=en>" + s + "x");
  CHECK(inject_client("<header></header><head>") == "<header></header><head>" + s);
  CHECK(inject_client("<html lang=en><body>") == "<html lang=en><head>" + s + "</head><body>");
  CHECK(inject_client("<!doctype html><p>hi") == "<!doctype html>" + s + "<p>hi");
  CHECK(inject_client("<p>hi") == s + "<p>hi");
  CHECK(inject_client("<head>" + s) == "<head>" + s);
}

TEST_CASE("MIME types and module extensions") {
  CHECK(mime_type("/a/b.css") == "text/css; charset=utf-8");
  CHECK(mime_type("/x.PNG") == "image/png");
  CHECK(mime_type("/x.v2/file") == "application/octet-stream");
  CHECK(mime_type("/wasm.wasm") == "application/wasm");
  CHECK(is_module_path("/a.ts"));
  CHECK(is_module_path("/a.tsx"));
  CHECK(is_module_path("/a.mjs"));
  CHECK_FALSE(is_module_path("/a.ts.map"));
  CHECK_FALSE(is_module_path("/a.css"));
}

TEST_CASE("import specifiers resolve to module ids") {
  CHECK(resolve_specifier("/src/a.ts", "./b.ts") == "/src/b.ts");
  CHECK(resolve_specifier("/src/a.ts", "../lib/c.ts?x=1") == "/lib/c.ts");
  CHECK(resolve_specifier("/src/a.ts", "../../../c.ts") == "/c.ts");
  CHECK(resolve_specifier("/src/a.ts", "/abs.ts") == "/abs.ts");
  CHECK(resolve_specifier("/src/a.ts", "react") == "");
  CHECK(resolve_specifier("/src/a.ts", "//cdn.example/x.js") == "");
  CHECK(resolve_specifier("/src/a.ts", "https://cdn.example/x.js") == "");
}

TEST_CASE("the module graph names the boundary, or why the page reloads") {
  fs::path dir = fs::temp_directory_path() / "hmrc-graph-test";
  fs::remove_all(dir);
  fs::create_directories(dir / "src");
  auto write = [&](const char* rel, const char* text) { std::ofstream(dir / rel) << text; };
  write("src/main.ts",
        "import './view.ts';\nimport './store.ts';\nimport.meta.hot.accept('./view.ts', () => "
        "{});\n");
  write("src/view.ts",
        "import { g } from './greeting.ts';\nconsole.log(g);\n");  // used: not elided
  write("src/greeting.ts", "export const g = 1;\n");
  write("src/store.ts", "import.meta.hot.data.x = 1;\n");
  Modules modules(fs::canonical(dir));
  for (const char* id : {"/src/main.ts", "/src/view.ts", "/src/greeting.ts", "/src/store.ts"}) {
    auto compiled = modules.compile(id, std::string(id).substr(1));
    REQUIRE(compiled);
    REQUIRE(compiled->result.ok());
  }
  auto greeting = modules.decide("/src/greeting.ts");
  CHECK_FALSE(greeting.reload);
  CHECK(greeting.boundaries == std::vector<std::string>{"/src/main.ts"});
  auto store = modules.decide("/src/store.ts");
  CHECK(store.boundaries == std::vector<std::string>{"/src/store.ts"});
  auto main = modules.decide("/src/main.ts");
  CHECK(main.reload);
  CHECK(main.reason == "src/main.ts has no accepting boundary");
  CHECK(modules.take_pruned().empty());

  write("src/view.ts", "export const v = 2;\n");  // greeting no longer imported
  REQUIRE(modules.compile("/src/view.ts", "src/view.ts"));
  CHECK(modules.take_pruned() == std::vector<std::string>{"/src/greeting.ts"});
  fs::remove_all(dir);
}
