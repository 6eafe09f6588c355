#pragma once
// Reads request JSON the way FusionAuth binds it. FusionAuth maps every body onto typed Java
// classes with Jackson's default coercions, so a value that Jackson can read as the declared type
// is accepted (the text "true" for a boolean, "5" for a number, a number for a string, the bare
// name of a role) and one it cannot read is 400 fieldErrors[<path>] [invalidJSON]. Latchkey keeps
// documents as JSON; this module applies the same rules from a declarative table, rewrites each
// coerced value to its declared type (so the rest of the code sees only declared types) and
// reports every unreadable field at once.
//
//   LATCHKEY_TRY(const auto body, RequestFields::read(std::move(json), kVendRequest));
//   const std::optional<Uuid> key_id = body.uuid("keyId");   // throws if not declared a UUID
//   LATCHKEY_CHECK(require_field_types(user, "user", kUserFields));  // a document, in place

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

// The Java types FusionAuth declares, by how Jackson reads them.
enum class FieldKind {
  kString,       // String: a number or boolean is read as its text
  kBool,         // boolean: also "true"/"false" (any of Jackson's three spellings), 0 and 1
  kInt,          // int / Integer: an integral number or numeric text within 32 bits
  kLong,         // long / an instant in epoch milliseconds: the same within 64 bits
  kNumber,       // double: a number or numeric text
  kUuid,         // UUID: the 8-4-4-4-12 text in either case, stored lower-case
  kObject,       // a POJO or a Map
  kArray,        // a List of anything
  kStringArray,  // List<String>: each element read as kString
  kUuidArray,    // List<UUID>: each element read as kUuid
  kObjectArray,  // List<POJO>: each element an object (or its shorthand)
};

struct FieldSpec {
  // Dotted, relative to the object the table describes; "*" stands for every member of a Map.
  std::string_view path;
  FieldKind kind;
  // kObject / kObjectArray: the fields of the object (of each element).
  std::span<const FieldSpec> members = {};
  // kObject / kObjectArray: a bare string is read as {<shorthand>: <the string>}, as a Java class
  // with a public one-String constructor is (ApplicationRole(String name)).
  std::string_view shorthand = {};
};

using Schema = std::span<const FieldSpec>;

// One value read as `kind`: the coerced value (null stays null: absent) or why it cannot be.
// Members of objects are not looked at here; coerce_fields walks them.
std::expected<json::value, std::string> read_as(const json::value& value, FieldKind kind,
                                                std::string_view shorthand = {});

// Coerces every field of `doc` that `schema` declares, in place, adding a fieldError
// `[invalidJSON]` under `<prefix>.<path>` (array indexes left out, as FusionAuth names them) for
// each one that cannot be read as its kind.
void coerce_fields(json::object& doc, std::string_view prefix, Schema schema,
                   Validation& validation);

// The same as a Status: 400 listing every unreadable field.
Status require_field_types(json::object& doc, std::string_view prefix, Schema schema);

// A request body after coercion, read only through the fields its schema declares: asking for a
// field the schema does not declare with that kind is a bug and throws std::logic_error, so a
// handler cannot read a parameter the table does not type.
class RequestFields {
 public:
  static Result<RequestFields> read(json::object body, Schema schema);

  [[nodiscard]] const json::object& json() const { return body_; }
  // Absent, null and (for a UUID) the empty text all read as nothing.
  [[nodiscard]] std::optional<std::string> string(std::string_view path) const;
  [[nodiscard]] std::optional<bool> boolean(std::string_view path) const;
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view path) const;
  [[nodiscard]] std::optional<Uuid> uuid(std::string_view path) const;
  [[nodiscard]] const json::object* object(std::string_view path) const;

 private:
  RequestFields(json::object body, Schema schema) : body_(std::move(body)), schema_(schema) {}
  const json::value* declared(std::string_view path, FieldKind kind) const;

  json::object body_;
  Schema schema_;
};

}  // namespace latchkey::services
