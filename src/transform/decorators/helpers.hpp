// The run-time helpers decorator output calls, inserted on the first line of
// the module (after a `#!` line and directives), so that no line moves. They
// are function declarations: hoisted, so their place on the line does not
// matter. Chosen over importing them from a runtime module: production
// output has no runtime to import from, and a file stays self-contained.
#pragma once

#include <tree_sitter/api.h>

#include <string>
#include <string_view>

#include "emit/edit_buffer.hpp"

namespace hmrc::decorators {

// TC39 decorators (standard.hpp): __hmrc_ds, __hmrc_de, ...
const std::string& standard_helpers();
// experimentalDecorators (legacy.hpp): __hmrc_decorate, __hmrc_param, __hmrc_metadata.
const std::string& legacy_helpers();

void insert_helpers(TSNode program, std::string_view text, const std::string& helpers,
                    EditBuffer& edits);

}  // namespace hmrc::decorators
