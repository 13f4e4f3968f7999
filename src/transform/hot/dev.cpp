#include "transform/hot/dev.hpp"

#include <algorithm>
#include <string>

#include "analysis/node_util.hpp"

namespace hmrc {

void rewrite_hot_dev(const HotUses& uses, const DevExports& exports, std::string_view text,
                     EditBuffer& edits) {
  if (!exports.trailer.empty()) {
    bool at_line_start = text.empty() || text.back() == '\n' || text.back() == '\r';
    edits.insert_left(static_cast<uint32_t>(text.size()),
                      (at_line_start ? "" : "\n") + exports.trailer + "\n");
  }

  for (const HotUse& use : uses.uses) {
    // Keep the line breaks of `import . meta\n . hot` so later lines stay put.
    std::string_view original = node::text(use.hot, text);
    std::string replacement("__hmrc_hot");
    replacement.append(static_cast<std::size_t>(std::count(original.begin(), original.end(), '\n')),
                       '\n');
    edits.replace(node::start(use.hot), node::end(use.hot), std::move(replacement));
  }
}

}  // namespace hmrc
