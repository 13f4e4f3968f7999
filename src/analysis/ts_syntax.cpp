#include "analysis/ts_syntax.hpp"

#include <array>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

namespace hmrc::ts {
namespace {

struct Name {
  std::string_view name;
  bool named;
  K kind;
};

constexpr Name kNames[] = {
    {"program", true, K::program},
    {"statement_block", true, K::statement_block},
    {"class_body", true, K::class_body},
    {"switch_body", true, K::switch_body},
    {"expression_statement", true, K::expression_statement},
    {"interface_declaration", true, K::interface_declaration},
    {"type_alias_declaration", true, K::type_alias_declaration},
    {"ambient_declaration", true, K::ambient_declaration},
    {"function_signature", true, K::function_signature},
    {"method_signature", true, K::method_signature},
    {"abstract_method_signature", true, K::abstract_method_signature},
    {"index_signature", true, K::index_signature},
    {"public_field_definition", true, K::public_field_definition},
    {"import_statement", true, K::import_statement},
    {"export_statement", true, K::export_statement},
    {"import_alias", true, K::import_alias},
    {"import_require_clause", true, K::import_require_clause},
    {"import_clause", true, K::import_clause},
    {"named_imports", true, K::named_imports},
    {"namespace_import", true, K::namespace_import},
    {"import_specifier", true, K::import_specifier},
    {"export_clause", true, K::export_clause},
    {"export_specifier", true, K::export_specifier},
    {"type_annotation", true, K::type_annotation},
    {"asserts_annotation", true, K::asserts_annotation},
    {"type_predicate_annotation", true, K::type_predicate_annotation},
    {"omitting_type_annotation", true, K::omitting_type_annotation},
    {"adding_type_annotation", true, K::adding_type_annotation},
    {"opting_type_annotation", true, K::opting_type_annotation},
    {"type_parameters", true, K::type_parameters},
    {"type_arguments", true, K::type_arguments},
    {"implements_clause", true, K::implements_clause},
    {"accessibility_modifier", true, K::accessibility_modifier},
    {"override_modifier", true, K::override_modifier},
    {"required_parameter", true, K::required_parameter},
    {"optional_parameter", true, K::optional_parameter},
    {"method_definition", true, K::method_definition},
    {"variable_declarator", true, K::variable_declarator},
    {"as_expression", true, K::as_expression},
    {"satisfies_expression", true, K::satisfies_expression},
    {"non_null_expression", true, K::non_null_expression},
    {"type_assertion", true, K::type_assertion},
    {"abstract_class_declaration", true, K::abstract_class_declaration},
    {"class_declaration", true, K::class_declaration},
    {"class", true, K::class_expr},
    {"enum_declaration", true, K::enum_declaration},
    {"enum_body", true, K::enum_body},
    {"enum_assignment", true, K::enum_assignment},
    {"internal_module", true, K::internal_module},
    {"module", true, K::module},
    {"decorator", true, K::decorator},
    {"arrow_function", true, K::arrow_function},
    {"formal_parameters", true, K::formal_parameters},
    {"identifier", true, K::identifier},
    {"shorthand_property_identifier", true, K::shorthand_property_identifier},
    {"shorthand_property_identifier_pattern", true, K::shorthand_property_identifier_pattern},
    {"property_identifier", true, K::property_identifier},
    {"function_declaration", true, K::function_declaration},
    {"function_expression", true, K::function_expression},
    {"generator_function_declaration", true, K::generator_function_declaration},
    {"generator_function", true, K::generator_function},
    {"for_statement", true, K::for_statement},
    {"for_in_statement", true, K::for_in_statement},
    {"catch_clause", true, K::catch_clause},
    {"object_pattern", true, K::object_pattern},
    {"array_pattern", true, K::array_pattern},
    {"assignment_pattern", true, K::assignment_pattern},
    {"object_assignment_pattern", true, K::object_assignment_pattern},
    {"computed_property_name", true, K::computed_property_name},
    {"string", true, K::string},
    {"number", true, K::number},
    {"template_string", true, K::template_string},
    {"parenthesized_expression", true, K::parenthesized_expression},
    {"unary_expression", true, K::unary_expression},
    {"binary_expression", true, K::binary_expression},
    {"member_expression", true, K::member_expression},
    {"subscript_expression", true, K::subscript_expression},
    {"nested_identifier", true, K::nested_identifier},
    {"lexical_declaration", true, K::lexical_declaration},
    {"variable_declaration", true, K::variable_declaration},
    {"comment", true, K::comment},
    {"object_type", true, K::object_type},
    {"interface_body", true, K::interface_body},
    {"type_identifier", true, K::type_identifier},
    {"nested_type_identifier", true, K::nested_type_identifier},
    {"extends_clause", true, K::extends_clause},
    {"object", true, K::object},
    {"?", false, K::t_question},
    {"!", false, K::t_bang},
    {"readonly", false, K::t_readonly},
    {"declare", false, K::t_declare},
    {"abstract", false, K::t_abstract},
    {"type", false, K::t_type},
    {",", false, K::t_comma},
    {";", false, K::t_semicolon},
    {"(", false, K::t_lparen},
    {")", false, K::t_rparen},
    {"=>", false, K::t_arrow},
    {"=", false, K::t_equals},
    {"{", false, K::t_lbrace},
    {"}", false, K::t_rbrace},
    {"export", false, K::t_export},
    {"default", false, K::t_default},
    {"const", false, K::t_const},
    {"this", false, K::t_this},
    {"this", true, K::t_this},
    {"import", false, K::t_import},
    {"static", false, K::t_static},
    {"var", false, K::t_var},
    {"let", false, K::t_let},
};

TSFieldId field(const TSLanguage* l, std::string_view name) {
  return ts_language_field_id_for_name(l, name.data(), static_cast<uint32_t>(name.size()));
}

std::unique_ptr<Syntax> build(const TSLanguage* l) {
  auto s = std::make_unique<Syntax>();
  uint32_t count = ts_language_symbol_count(l);
  s->kinds.assign(count, K::other);
  for (uint32_t i = 0; i < count; ++i) {
    auto sym = static_cast<TSSymbol>(i);
    std::string_view name = ts_language_symbol_name(l, sym);
    bool named = ts_language_symbol_type(l, sym) == TSSymbolTypeRegular;
    for (const Name& n : kNames) {
      if (n.named == named && n.name == name) {
        s->kinds[i] = n.kind;
        break;
      }
    }
  }
  s->fields = {field(l, "name"),       field(l, "pattern"),     field(l, "parameter"),
               field(l, "left"),       field(l, "right"),       field(l, "value"),
               field(l, "body"),       field(l, "declaration"), field(l, "kind"),
               field(l, "source"),     field(l, "return_type"), field(l, "type_parameters"),
               field(l, "parameters"), field(l, "alias"),       field(l, "object"),
               field(l, "property"),   field(l, "operator")};
  return s;
}

}  // namespace

const Syntax& syntax_for(const TSLanguage* language) {
  // Two languages at most; the table is immutable once built.
  static std::mutex mutex;
  static std::array<std::pair<const TSLanguage*, std::unique_ptr<Syntax>>, 4> cache;
  std::lock_guard lock(mutex);
  for (auto& [l, s] : cache) {
    if (l == language) return *s;
    if (!l) {
      l = language;
      s = build(language);
      return *s;
    }
  }
  static thread_local std::unique_ptr<Syntax> overflow;
  overflow = build(language);
  return *overflow;
}

}  // namespace hmrc::ts
