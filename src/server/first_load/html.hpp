// What `hmrc serve` adds to an HTML page so that a load after the first
// fetches none of its modules:
//
//   <script type="module" src="/src/main.ts"></script>   (main imports ./view.ts)
//   ->
//   <head><script type="importmap">{"imports":{"/src/main.ts":"/src/main.ts?v=1f2e…",
//         "/src/view.ts":"/src/view.ts?v=9a8b…"}}</script>
//   <script type="module" src="/@hmrc/client.js?v=…"></script> …
//   <script type="module" src="/src/main.ts?v=1f2e…"></script>
//
// The import map sends every import of a module, relative or absolute, to its
// versioned URL, which the server answers with `immutable` caching; the
// module's own imports stay as written, so no hash cascades through
// importers. See docs/server.md, "First page load".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hmrc::server {

struct ModuleScript {
  std::string src;                 // entity references decoded
  std::size_t begin = 0, end = 0;  // the attribute value as written, quotes included
};

// Every <script type="module" src="…"> of `html`, in order. Inline module
// scripts are not followed.
std::vector<ModuleScript> module_scripts(std::string_view html);
std::vector<std::string> module_script_srcs(std::string_view html);

// Whether the page has a <script type="importmap"> of its own.
bool has_import_map(std::string_view html);

struct VersionedModule {
  std::string id;       // URL path, "/src/view.ts"
  std::string version;  // hex, the hash of the served code
};

// A URL path with the characters a URL cannot hold percent-encoded
// ("/src/a b.ts" -> "/src/a%20b.ts").
std::string encode_url_path(std::string_view path);

// "<id>?v=<version>", encoded.
std::string versioned_url(const VersionedModule& module);

// The value of `key` in a raw query string ("v=1&t=2"), empty if absent.
std::string_view query_value(std::string_view query, std::string_view key);

// The import map of `modules`, each mapped to its versioned URL; empty when
// there are none. (modulepreload links were measured and left out: see
// docs/server.md.)
// `extra`: more (key, URL) pairs as they are, for bare specifiers ("react").
std::string import_map_script(const std::vector<VersionedModule>& modules,
                              const std::vector<std::pair<std::string, std::string>>& extra = {});

// Inserts `tags` as the first thing in <head>, adding a <head> when there is
// none (after a leading doctype, so the page stays in standards mode).
std::string inject_head(std::string_view html, std::string_view tags);

}  // namespace hmrc::server
