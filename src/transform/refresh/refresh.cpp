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
  bool server = !options.runtime.empty() && (!registrations.empty() || !facts.functions.empty());
  if (server) {
    // Before the signatures' `var _s = $RefreshSig$()`, which calls it.
    std::string line =
        "import __hmrc_RefreshRuntime from " + js_string(options.runtime) +
        "; import { refreshModule as __hmrc_refreshModule } from " +
        js_string(options.hmrc_runtime) +
        "; const $RefreshReg$ = (type, id) => __hmrc_RefreshRuntime.register(type, " +
        js_string(options.module_id + " ") +
        " + id), $RefreshSig$ = __hmrc_RefreshRuntime.createSignatureFunctionForTransform;";
    if (top.after_directive) line.insert(0, top.needs_semicolon ? "; " : " ");
    edits.insert_left(top.at, line);
  }
  Names signatures(facts.identifiers, "_s");
  sign_hooks(facts, text, top, signatures, edits);
  if (registrations.empty() && !server) return !facts.functions.empty();

  // The handles are declared and registered last, when every component is defined.
  std::string outro;
  if (!text.empty() && text.back() != '\n' && text.back() != '\r') outro += "\n";
  if (!registrations.empty()) {
    outro += "var ";
    for (std::size_t i = 0; i < registrations.size(); ++i) {
      if (i) outro += ", ";
      outro += registrations[i].handle;
    }
    outro += ";\n";
  }
  for (const Registration& r : registrations)
    outro += "$RefreshReg$(" + r.handle + ", " + js_string(r.id) + ");\n";
  if (server) outro += "__hmrc_refreshModule(__hmrc_hot, __hmrc_RefreshRuntime);\n";
  // insert_right, as the statements it must follow (`_c = App;` may end the text).
  edits.insert_right(static_cast<uint32_t>(text.size()), outro);
  return true;
}

}  // namespace hmrc
