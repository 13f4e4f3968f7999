// Production builds: every use of import.meta.hot goes; nothing else changes.
//
//   import.meta.hot.accept(cb);                  (removed with its arguments)
//   log(import.meta.hot?.dispose(f));            log(void 0);
//   const n = import.meta.hot.data.n;            const n = {}.n;
//   const m = import.meta.hot?.data.m.k;         const m = void 0;
//   const r = import.meta.hot.data.r ??= mk();   const r = mk();
//   if (import.meta.hot) { a } else { b }        { b }
//   const dev = !!import.meta.hot;               const dev = false;
#pragma once

#include <string_view>

#include "emit/edit_buffer.hpp"
#include "transform/hot/uses.hpp"

namespace hmrc {

void remove_hot_uses(const HotUses& uses, std::string_view text, EditBuffer& edits);

}  // namespace hmrc
