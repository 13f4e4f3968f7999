// JSX to JavaScript calls, as esbuild and Babel compile it.
//
//   Input:  <div className="a" {...p} key={id}>Hi {name}</div>
//   Output (automatic, prod; the import goes on the first line):
//     import { jsxs as _jsxs } from "react/jsx-runtime";
//     /* @__PURE__ */ _jsxs("div", { className: "a", ...p, children: ["Hi ", name] }, id)
//   Output (classic):
//     /* @__PURE__ */ React.createElement("div", { className: "a", ...p, key: id }, "Hi ", name)
//
// Only JSX's own tokens are edited (`<`, names, `=`, braces, `>`, closing
// tags, text); the code inside `{...}` is never touched, so other passes edit
// it freely. `key={...}` is moved behind the props with EditBuffer::move, edits
// inside and all. Line breaks are kept: text becomes a string with line
// continuations, imports and dev source info stay on their lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analysis.hpp"
#include "diagnostics/diagnostic.hpp"
#include "emit/edit_buffer.hpp"
#include "transform/jsx/options.hpp"

namespace hmrc {

// Reads `@jsx`, `@jsxFrag`, `@jsxImportSource` and `@jsxRuntime` comments
// (they override the options), then rewrites every JSX element.
void transform_jsx(const Analysis& analysis, const JsxOptions& options, std::string_view text,
                   EditBuffer& edits, std::vector<Diagnostic>& diagnostics);

}  // namespace hmrc
