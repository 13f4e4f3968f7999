// What the TypeScript passes know of the grammar, and what the erase walk
// hands on to the import-elision and enum passes so that none of them walks
// the tree again.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace hmrc::ts {

// Node kinds the TypeScript passes look at; everything else is `other`.
enum class K : uint8_t {
  other,
  // named nodes
  program,
  statement_block,
  class_body,
  switch_body,
  expression_statement,
  interface_declaration,
  type_alias_declaration,
  ambient_declaration,
  function_signature,
  method_signature,
  abstract_method_signature,
  index_signature,
  public_field_definition,
  import_statement,
  export_statement,
  import_alias,
  import_require_clause,
  import_clause,
  named_imports,
  namespace_import,
  import_specifier,
  export_clause,
  export_specifier,
  type_annotation,
  asserts_annotation,
  type_predicate_annotation,
  omitting_type_annotation,
  adding_type_annotation,
  opting_type_annotation,
  type_parameters,
  type_arguments,
  implements_clause,
  accessibility_modifier,
  override_modifier,
  required_parameter,
  optional_parameter,
  method_definition,
  variable_declarator,
  as_expression,
  satisfies_expression,
  non_null_expression,
  type_assertion,
  abstract_class_declaration,
  class_declaration,
  class_expr,
  enum_declaration,
  enum_body,
  enum_assignment,
  internal_module,
  module,
  decorator,
  arrow_function,
  formal_parameters,
  identifier,
  shorthand_property_identifier,
  shorthand_property_identifier_pattern,
  property_identifier,
  function_declaration,
  function_expression,
  generator_function_declaration,
  generator_function,
  for_statement,
  for_in_statement,
  catch_clause,
  object_pattern,
  array_pattern,
  assignment_pattern,
  object_assignment_pattern,
  computed_property_name,
  string,
  number,
  template_string,
  parenthesized_expression,
  unary_expression,
  binary_expression,
  member_expression,
  subscript_expression,
  nested_identifier,
  lexical_declaration,
  variable_declaration,
  comment,
  type_identifier,
  nested_type_identifier,
  extends_clause,
  object,
  object_type,
  interface_body,
  // anonymous tokens
  t_question,
  t_bang,
  t_readonly,
  t_declare,
  t_abstract,
  t_type,
  t_comma,
  t_semicolon,
  t_lparen,
  t_rparen,
  t_arrow,
  t_equals,
  t_lbrace,
  t_rbrace,
  t_export,
  t_default,
  t_const,
  t_this,
  t_import,
  t_static,
  t_var,
  t_let,
  count_
};

struct Fields {
  TSFieldId name, pattern, parameter, left, right, value, body, declaration, kind, source,
      return_type, type_parameters, parameters, alias, object, property, operator_;
};

// Per language, built once per thread and cached.
struct Syntax {
  std::vector<K> kinds;  // indexed by TSSymbol
  Fields fields;
  // ERROR is symbol 65535, past the grammar's own symbols.
  K kind(TSNode n) const {
    TSSymbol s = ts_node_symbol(n);
    return s < kinds.size() ? kinds[s] : K::other;
  }
};
const Syntax& syntax_for(const TSLanguage* language);

// An import declaration, with what elision must decide on.
struct ImportDecl {
  TSNode node;
};

// `export { a, b }` without `from`.
struct LocalExport {
  TSNode node;
};

struct EnumDecl {
  TSNode node;
  TSNode statement;      // the export_statement around it, or the node itself
  uint32_t scope_start;  // start of the statement list it sits in: merged declarations share it
};

// A reference to, or a declaration of, a name an import binds.
struct NameUse {
  uint16_t name;  // index into Facts::tracked
  bool declares;
  uint32_t scope;
};

// `namespace N { ... }` with values; nested ones come after their parent.
struct NamespaceDecl {
  TSNode node;       // internal_module or module
  TSNode statement;  // what holds it in the statement list
  TSNode list;       // the statement list (program or statement_block)
  bool exported;
  int parent;  // index of the enclosing namespace in Facts::namespaces, or -1
};

struct ParamProperties {
  TSNode class_body;
  TSNode constructor_body;         // statement_block
  std::vector<TSNode> parameters;  // required/optional parameters with a modifier
};

struct Facts {
  std::vector<ImportDecl> imports;
  std::vector<LocalExport> exports;
  std::vector<TSNode> export_defaults;  // `export default X;` with X an identifier
  std::vector<TSNode> aliases;          // `import x = N.y;`, top level
  std::vector<EnumDecl> enums;
  std::vector<NamespaceDecl> namespaces;
  std::vector<ParamProperties> param_properties;
  // Scope-aware uses of imported names: scopes are numbered, 0 is the module.
  std::vector<std::string_view> tracked;  // local names bound by value imports
  std::vector<uint32_t> scope_parent;
  std::vector<NameUse> uses;
  std::vector<std::string_view> type_only_names;  // top-level types and type-only imports
};

}  // namespace hmrc::ts
