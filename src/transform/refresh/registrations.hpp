// React Refresh registrations: every top-level component is handed to
// `$RefreshReg$` with an id stable across edits, so that React can swap the
// new function in for the old one and keep the state of its instances.
// The rules are those of React's Babel plugin (ReactFreshBabelPlugin.js).
//
//   Input:
//     export function App() { return <Row />; }
//     const Row = memo(() => <li />);
//     export default forwardRef(function Field(props, ref) { ... });
//   Output:
//     export function App() { return <Row />; }_c = App;
//     const Row = memo(_c2 = () => <li />);_c3 = Row;
//     export default _c5 = forwardRef(_c4 = function Field(props, ref) { ... });
//     var _c, _c2, _c3, _c4, _c5; $RefreshReg$(_c, "App"); $RefreshReg$(_c2, "Row$memo");
//     $RefreshReg$(_c3, "Row"); $RefreshReg$(_c4, "%default%$forwardRef");
//     $RefreshReg$(_c5, "%default%");
//
// Which code counts as a component: a capitalised name bound by a top-level
// function declaration, or by a `const`/`let`/`var` with one declarator whose
// value is a function, a HOC call on one (each HOC layer is registered, with
// `$hoc` appended to the id: `Row$memo`), or anything used as a JSX type
// (`<Row />`, `createElement(Row)`); and `export default hoc(...)`. Nothing
// moves to another line: statements are added after the statement they
// follow, on its last line, and the handles are declared at the end.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>
#include <vector>

#include "emit/edit_buffer.hpp"
#include "transform/refresh/facts.hpp"

namespace hmrc::refresh {

struct Registration {
  std::string handle;  // `_c2`
  std::string id;      // `Row$memo`
};

std::vector<Registration> register_components(TSNode program, const Facts& facts,
                                              std::string_view text, Names& handles,
                                              EditBuffer& edits);

}  // namespace hmrc::refresh
