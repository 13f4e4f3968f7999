#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "server/first_load/html.hpp"

using namespace hmrc::server;
using Srcs = std::vector<std::string>;

TEST_CASE("module scripts of a page: type=module with a src, in order") {
  CHECK(module_script_srcs(R"(<script type="module" src="/src/main.ts"></script>)") ==
        Srcs{"/src/main.ts"});
  CHECK(module_script_srcs("<SCRIPT TYPE=Module SRC=./a.ts></SCRIPT><script type='module' "
                           "src='b.ts?x=1&amp;y=2'></script>") == Srcs{"./a.ts", "b.ts?x=1&y=2"});
  CHECK(module_script_srcs(R"(<script src="/classic.js"></script>)").empty());
  CHECK(module_script_srcs(R"(<script type="module">import "/src/inline.ts";</script>)").empty());
  CHECK(module_script_srcs(R"(<!-- <script type="module" src="/old.ts"></script> -->)").empty());
  // Script text is not markup.
  CHECK(module_script_srcs(R"(<script>let s = '<script type="module" src="/no.ts">';</script>)"
                           R"(<script type="module" src="/yes.ts"></script>)") == Srcs{"/yes.ts"});
  CHECK(module_script_srcs(R"(<scripts type="module" src="/no.ts">)").empty());
  CHECK(module_script_srcs(R"(<script type="module" src="/unterminated.ts")").empty());
  CHECK(module_script_srcs(R"(<script type="module" src=""></script>)").empty());
}

TEST_CASE("has_import_map: a script of type importmap, not text that says so") {
  CHECK(has_import_map(R"(<script type="importmap">{"imports":{}}</script>)"));
  CHECK(has_import_map(R"(<SCRIPT TYPE=ImportMap>{}</SCRIPT>)"));
  CHECK_FALSE(has_import_map(R"(<script>const t = '<script type="importmap">';</script>)"));
  CHECK_FALSE(has_import_map(R"(<!-- <script type="importmap"></script> -->)"));
  CHECK_FALSE(has_import_map(R"(<script type="module" src="/a.ts"></script>)"));
}

TEST_CASE("module scripts: where the src value is written, quotes included") {
  std::string html =
      R"(<p><script type=module src='/a.ts'></script><script type=module src=/b.ts>)";
  auto scripts = module_scripts(html);
  REQUIRE(scripts.size() == 2);
  CHECK(html.substr(scripts[0].begin, scripts[0].end - scripts[0].begin) == "'/a.ts'");
  CHECK(html.substr(scripts[1].begin, scripts[1].end - scripts[1].begin) == "/b.ts");
}

TEST_CASE("versioned URLs: percent-encoded path, ?v=") {
  CHECK(encode_url_path("/src/a b.ts") == "/src/a%20b.ts");
  CHECK(encode_url_path("/src/x#y?.ts") == "/src/x%23y%3F.ts");
  CHECK(encode_url_path("/src/\"<&>.ts") == "/src/%22%3C%26%3E.ts");
  CHECK(versioned_url({"/src/view.ts", "00ff"}) == "/src/view.ts?v=00ff");
}

TEST_CASE("import map: each module id to its versioned URL, safe inside <script>") {
  CHECK(import_map_script({}).empty());
  CHECK(import_map_script({{"/src/main.ts", "01"}, {"/src/a b.ts", "02"}}) ==
        R"(<script type="importmap">{"imports":{"/src/main.ts":"/src/main.ts?v=01",)"
        R"("/src/a%20b.ts":"/src/a%20b.ts?v=02"}}</script>)"
        "\n");
  // Encoded first, then JSON-escaped: no "</script>" can close the map early.
  CHECK(
      import_map_script({{"/</script>.ts", "03"}}) ==
      R"(<script type="importmap">{"imports":{"/%3C/script%3E.ts":"/%3C/script%3E.ts?v=03"}}</script>)"
      "\n");
}

TEST_CASE("inject_head: first in <head>, a <head> made when missing") {
  CHECK(inject_head("<html><HEAD lang=x><title>t</title></head></html>", "<X>") ==
        "<html><HEAD lang=x><X><title>t</title></head></html>");
  CHECK(inject_head("<html><body></body></html>", "<X>") ==
        "<html><head><X></head><body></body></html>");
  CHECK(inject_head("<!doctype html><p>hi", "<X>") == "<!doctype html><X><p>hi");
  CHECK(inject_head("<header></header>", "<X>") == "<X><header></header>");
}

TEST_CASE("query_value: the first key=value of that key") {
  CHECK(query_value("v=0a&t=5", "v") == "0a");
  CHECK(query_value("t=5&v=0a", "v") == "0a");
  CHECK(query_value("vv=1&v=2", "v") == "2");
  CHECK(query_value("t=5", "v").empty());
  CHECK(query_value("v", "v").empty());
  CHECK(query_value("", "v").empty());
}
