#include "transform/refresh/refresh.hpp"

#include "transform/refresh/facts.hpp"
#include "transform/refresh/registrations.hpp"
#include "transform/refresh/signatures.hpp"

namespace hmrc {

bool transform_refresh(TSNode program, std::string_view text, const RefreshOptions& options,
                       const PrologueEnd& top, EditBuffer& edits) {
  using namespace refresh;
  Facts facts = collect_facts(program, text);
  Names handles(facts.identifiers, "_c");
  std::vector<Registration> registrations =
      register_components(program, facts, text, handles, edits);
  if (!options.runtime.empty() && (!registrations.empty() || !facts.functions.empty())) {
    // Before the signatures' `var _s = $RefreshSig$()`, which calls it.
    std::string prefix = js_string(options.module_id + " ");
    std::string line =
        "import { register as __hmrc_refreshRegister, "
        "createSignatureFunctionForTransform as $RefreshSig$ } from " +
        js_string(options.runtime) +
        "; const $RefreshReg$ = (type, id) => __hmrc_refreshRegister(type, " + prefix + " + id);";
    if (top.after_directive) line.insert(0, top.needs_semicolon ? "; " : " ");
    edits.insert_left(top.at, line);
  }
  Names signatures(facts.identifiers, "_s");
  sign_hooks(facts, text, top, signatures, edits);
  if (registrations.empty()) return !facts.functions.empty();

  // The handles are declared and registered last, when every component is defined.
  std::string outro;
  if (!text.empty() && text.back() != '\n' && text.back() != '\r') outro += "\n";
  outro += "var ";
  for (std::size_t i = 0; i < registrations.size(); ++i) {
    if (i) outro += ", ";
    outro += registrations[i].handle;
  }
  outro += ";\n";
  for (const Registration& r : registrations)
    outro += "$RefreshReg$(" + r.handle + ", " + js_string(r.id) + ");\n";
  // insert_right, as the statements it must follow (`_c = App;` may end the text).
  edits.insert_right(static_cast<uint32_t>(text.size()), outro);
  return true;
}

}  // namespace hmrc
