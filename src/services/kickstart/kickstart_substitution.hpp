#pragma once
// The substitutions of a kickstart file, applied to its decoded JSON strings:
//   #{name}        a declared variable or a built-in; #{ENV.NAME} the process environment;
//                  #{UUID()} a fresh random UUID at each occurrence
//   @{path}        the text of a file, in place, inside any string ("stylesheet": "@{a.css}")
//   "&{path}"      a JSON file, as a whole value: a request body or a whole request
//   \#{ \@{ \&{    the literal characters
// Include paths are relative to the kickstart file's directory (include_path.hpp).
//
//   const SubstitutionContext context{variables, environment, read_include, new_uuid};
//   LATCHKEY_TRY(const auto body, substitute_value(request, context));

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"

namespace latchkey::services {

using KickstartVariables = std::map<std::string, std::string, std::less<>>;
// Looks up an environment variable; injected so tests need not touch the real environment.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string&)>;
// Reads an include, given its checked path relative to the kickstart file's directory; the
// error names the file it looked for.
using IncludeReader = std::function<Result<std::string>(const std::string& relative_path)>;

struct SubstitutionContext {
  const KickstartVariables& variables;
  const EnvironmentLookup& environment;
  const IncludeReader& read_include;  // empty: every include is refused
  const std::function<Uuid()>& new_uuid;
};

// Substitutes #{...} and @{...} in one string. The text of an @{...} file and the value of a
// variable are inserted as they are, not scanned again. `&{` inside a longer string is refused:
// a JSON file is a value, not text.
Result<std::string> substitute_text(std::string_view text, const SubstitutionContext& context);

// Substitutes inside every string and member name of a JSON value; a string that is exactly
// "&{path}" is replaced by that file's JSON, itself substituted (includes may nest).
Result<json::value> substitute_value(const json::value& value, const SubstitutionContext& context);

// The path of a string that is exactly "&{path}", else nothing.
std::optional<std::string_view> whole_json_include(std::string_view text);

}  // namespace latchkey::services
