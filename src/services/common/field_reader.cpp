#include "services/common/field_reader.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace latchkey::services {
namespace {

using enum FieldKind;
using Read = std::expected<json::value, std::string>;

std::unexpected<std::string> cannot(std::string reason) {
  return std::unexpected(std::move(reason));
}

std::string_view shape(const json::value& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "an array";
  if (value.is_string()) return "a string";
  if (value.is_bool()) return "a boolean";
  return "a number";
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Jackson turns "" (and, for numbers and booleans, the text "null") into null for scalars.
bool textual_null(std::string_view text) { return text.empty() || text == "null"; }

std::string number_text(const json::value& value) {
  if (value.is_int64()) return std::to_string(value.as_int64());
  if (value.is_uint64()) return std::to_string(value.as_uint64());
  // Shortest text that reads back as the same double (Jackson keeps the literal; this is the
  // closest a parsed document allows).
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value.as_double());
  return ec == std::errc() ? std::string(buffer, end) : json::serialize(value);
}

Read read_string(const json::value& value) {
  if (value.is_string()) return value;
  if (value.is_bool()) return json::value(value.as_bool() ? "true" : "false");
  if (value.is_number()) return json::value(number_text(value));
  return cannot("Cannot read " + std::string(shape(value)) + " as a string");
}

Read read_bool(const json::value& value) {
  if (value.is_bool()) return value;
  if (value.is_string()) {
    const std::string_view text = trim(value.as_string());
    if (textual_null(text)) return json::value(nullptr);
    if (text == "true" || text == "True" || text == "TRUE") return json::value(true);
    if (text == "false" || text == "False" || text == "FALSE") return json::value(false);
    return cannot("Cannot read the string \"" + std::string(text) + "\" as a boolean");
  }
  // Jackson reads the integers 0 and 1 as false and true; Latchkey takes no other number.
  if (value.is_int64() && (value.as_int64() == 0 || value.as_int64() == 1)) {
    return json::value(value.as_int64() == 1);
  }
  if (value.is_uint64() && value.as_uint64() <= 1) return json::value(value.as_uint64() == 1);
  return cannot("Cannot read " + std::string(shape(value)) + " as a boolean");
}

Read in_range(std::int64_t number, FieldKind kind, std::string_view text) {
  if (kind == kInt && (number < std::numeric_limits<std::int32_t>::min() ||
                       number > std::numeric_limits<std::int32_t>::max())) {
    return cannot("Numeric value (" + std::string(text) + ") out of range of int");
  }
  return json::value(number);
}

Read read_integer(const json::value& value, FieldKind kind) {
  const std::string_view type = kind == kInt ? "int" : "long";
  if (value.is_int64()) return in_range(value.as_int64(), kind, number_text(value));
  if (value.is_uint64()) {
    if (value.as_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return cannot("Numeric value (" + number_text(value) + ") out of range of " +
                    std::string(type));
    }
    return in_range(static_cast<std::int64_t>(value.as_uint64()), kind, number_text(value));
  }
  if (value.is_double()) {
    // Jackson's ACCEPT_FLOAT_AS_INT would truncate 5.7 to 5; Latchkey takes only floats that
    // are whole numbers (5.0, 1e3) and refuses the rest rather than change the value.
    const double number = value.as_double();
    constexpr double kTwoTo63 = 9223372036854775808.0;
    if (!std::isfinite(number) || number < -kTwoTo63 || number >= kTwoTo63) {
      return cannot("Numeric value (" + number_text(value) + ") out of range of " +
                    std::string(type));
    }
    if (std::trunc(number) != number) {
      return cannot("Cannot read the fractional number " + number_text(value) + " as " +
                    std::string(type == "int" ? "an int" : "a long"));
    }
    return in_range(static_cast<std::int64_t>(number), kind, number_text(value));
  }
  if (value.is_string()) {
    const std::string_view text = trim(value.as_string());
    if (textual_null(text)) return json::value(nullptr);
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec == std::errc::result_out_of_range) {
      return cannot("Numeric value (" + std::string(text) + ") out of range of " +
                    std::string(type));
    }
    if (ec != std::errc() || end != text.data() + text.size()) {
      return cannot("Cannot read the string \"" + std::string(text) + "\" as " +
                    std::string(type == "int" ? "an int" : "a long"));
    }
    return in_range(number, kind, text);
  }
  return cannot("Cannot read " + std::string(shape(value)) + " as " +
                std::string(type == "int" ? "an int" : "a long"));
}

Read read_number(const json::value& value) {
  if (value.is_number()) return value;
  if (value.is_string()) {
    const std::string_view text = trim(value.as_string());
    if (textual_null(text)) return json::value(nullptr);
    double number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(number)) {
      return cannot("Cannot read the string \"" + std::string(text) + "\" as a number");
    }
    return json::value(number);
  }
  return cannot("Cannot read " + std::string(shape(value)) + " as a number");
}

Read read_uuid(const json::value& value) {
  if (!value.is_string()) return cannot("Cannot read " + std::string(shape(value)) + " as a UUID");
  const std::string_view text = value.as_string();
  if (text.empty()) return json::value(nullptr);  // Jackson: "" is a null UUID
  const auto id = Uuid::parse(text);
  if (!id) return cannot("The string \"" + std::string(text) + "\" is not a valid UUID");
  return json::value(id->str());
}

Read read_object(const json::value& value, std::string_view shorthand) {
  if (value.is_object()) return value;
  if (value.is_string() && !shorthand.empty()) {
    return json::value(json::object{{shorthand, value.as_string()}});
  }
  return cannot("Cannot read " + std::string(shape(value)) + " as an object");
}

// Elements: null ones are dropped (null is absent), each other is read as `element`.
Read read_array(const json::value& value, FieldKind element, std::string_view shorthand) {
  if (!value.is_array()) return cannot("Cannot read " + std::string(shape(value)) + " as an array");
  json::array out;
  for (const auto& entry : value.as_array()) {
    if (entry.is_null()) continue;
    auto read = element == kObject ? read_object(entry, shorthand) : read_as(entry, element);
    if (!read) return cannot(read.error() + " (in an array)");
    if (!read->is_null()) out.push_back(std::move(*read));
  }
  return json::value(std::move(out));
}

std::string join(std::string_view prefix, std::string_view path) {
  if (prefix.empty()) return std::string(path);
  return std::string(prefix) + "." + std::string(path);
}

void coerce_value(json::value& value, const std::string& name, const FieldSpec& spec,
                  Validation& validation) {
  auto read = read_as(value, spec.kind, spec.shorthand);
  if (!read) {
    // FusionAuth's code and wording for a Jackson binding failure (prime-mvc
    // JacksonContentHandler; recorded FusionAuth answers: fieldErrors["loginId"] with code
    // "[invalidJSON]" when loginId was an object).
    validation.add(
        name, "[invalidJSON]",
        "Invalid JSON in the request body. The property was [" + name +
            "]. The error was [Possible conversion error]. The detailed exception was [" +
            read.error() + "].");
    return;
  }
  value = std::move(*read);
  if (spec.members.empty()) return;
  if (value.is_object()) {
    coerce_fields(value.as_object(), name, spec.members, validation);
  } else if (value.is_array()) {
    for (auto& element : value.as_array()) {
      if (element.is_object()) coerce_fields(element.as_object(), name, spec.members, validation);
    }
  }
}

// The object holding the last segment of `path`, or null when a step is absent or not an object
// (the step's own spec reports a wrong type).
json::object* parent_of(json::object& doc, std::string_view path, std::string_view& leaf) {
  json::object* current = &doc;
  while (true) {
    const auto dot = path.find('.');
    if (dot == std::string_view::npos) {
      leaf = path;
      return current;
    }
    json::value* step = current->if_contains(path.substr(0, dot));
    if (step == nullptr || !step->is_object()) return nullptr;
    current = &step->as_object();
    path.remove_prefix(dot + 1);
  }
}

const FieldSpec* find_spec(Schema schema, std::string_view path) {
  for (const auto& spec : schema) {
    if (spec.path == path) return &spec;
  }
  for (const auto& spec : schema) {  // a Map's "*" stands for any one member name
    if (spec.path == "*" && path.find('.') == std::string_view::npos) return &spec;
  }
  for (const auto& spec : schema) {
    if (spec.members.empty() || spec.kind != kObject) continue;
    if (path.size() > spec.path.size() && path.starts_with(spec.path) &&
        path[spec.path.size()] == '.') {
      if (const auto* found = find_spec(spec.members, path.substr(spec.path.size() + 1))) {
        return found;
      }
    }
  }
  return nullptr;
}

}  // namespace

std::expected<json::value, std::string> read_as(const json::value& value, FieldKind kind,
                                                std::string_view shorthand) {
  if (value.is_null()) return value;
  switch (kind) {
    case kString:
      return read_string(value);
    case kBool:
      return read_bool(value);
    case kInt:
    case kLong:
      return read_integer(value, kind);
    case kNumber:
      return read_number(value);
    case kUuid:
      return read_uuid(value);
    case kObject:
      return read_object(value, shorthand);
    case kArray:
      if (!value.is_array()) {
        return cannot("Cannot read " + std::string(shape(value)) + " as an array");
      }
      return value;
    case kStringArray:
      return read_array(value, kString, {});
    case kUuidArray:
      return read_array(value, kUuid, {});
    case kObjectArray:
      return read_array(value, kObject, shorthand);
  }
  return cannot("unknown field kind");
}

void coerce_fields(json::object& doc, std::string_view prefix, Schema schema,
                   Validation& validation) {
  for (const auto& spec : schema) {
    if (spec.path == "*") {
      for (auto& [key, value] : doc) coerce_value(value, join(prefix, key), spec, validation);
      continue;
    }
    std::string_view leaf;
    json::object* parent = parent_of(doc, spec.path, leaf);
    if (parent == nullptr) continue;
    json::value* value = parent->if_contains(leaf);
    if (value == nullptr) continue;
    coerce_value(*value, join(prefix, spec.path), spec, validation);
  }
}

Status require_field_types(json::object& doc, std::string_view prefix, Schema schema) {
  Validation validation;
  coerce_fields(doc, prefix, schema, validation);
  if (auto error = validation.take()) return fail(std::move(*error));
  return {};
}

Result<RequestFields> RequestFields::read(json::object body, Schema schema) {
  LATCHKEY_CHECK(require_field_types(body, "", schema));
  return RequestFields(std::move(body), schema);
}

const json::value* RequestFields::declared(std::string_view path, FieldKind kind) const {
  const FieldSpec* spec = find_spec(schema_, path);
  const bool integral = kind == kLong && spec != nullptr && spec->kind == kInt;
  if (spec == nullptr || (spec->kind != kind && !integral)) {
    throw std::logic_error("request field [" + std::string(path) +
                           "] is not declared with the kind it is read as");
  }
  const json::value* value = json::find(body_, path);
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<std::string> RequestFields::string(std::string_view path) const {
  const auto* value = declared(path, kString);
  if (value == nullptr) return std::nullopt;
  return std::string(value->as_string());
}

std::optional<bool> RequestFields::boolean(std::string_view path) const {
  const auto* value = declared(path, kBool);
  if (value == nullptr) return std::nullopt;
  return value->as_bool();
}

std::optional<std::int64_t> RequestFields::integer(std::string_view path) const {
  const auto* value = declared(path, kLong);
  if (value == nullptr) return std::nullopt;
  return value->as_int64();
}

std::optional<Uuid> RequestFields::uuid(std::string_view path) const {
  const auto* value = declared(path, kUuid);
  if (value == nullptr) return std::nullopt;
  return Uuid::parse(value->as_string());
}

const json::object* RequestFields::object(std::string_view path) const {
  const auto* value = declared(path, kObject);
  return value == nullptr ? nullptr : &value->as_object();
}

}  // namespace latchkey::services
