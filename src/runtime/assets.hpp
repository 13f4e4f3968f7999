// The browser-side files of hmrc (runtime core, WebSocket client, types),
// embedded in the binary at build time so that `hmrc serve` and
// `hmrc runtime` need nothing next to the executable.
#pragma once

#include <span>
#include <string_view>

namespace hmrc::runtime_assets {

struct Asset {
  std::string_view path;  // the URL path the dev server serves it at, e.g. "/@hmrc/runtime.js"
  std::string_view content_type;
  std::string_view body;
};

// "/@hmrc/runtime.js", "/@hmrc/client.js", "/@hmrc/types.d.ts", in that order.
std::span<const Asset> all();
const Asset* find(std::string_view url_path);  // nullptr if none

}  // namespace hmrc::runtime_assets
