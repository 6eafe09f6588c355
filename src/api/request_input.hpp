#pragma once
// Pure parsing of what /api/* requests carry: JSON bodies and their envelopes, ids in the
// path, flags in the query. Each failure is FusionAuth's 4xx.

#include <optional>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/uuid.hpp"
#include "http/request.hpp"
#include "services/common/document_rules.hpp"
#include "services/common/field_types.hpp"

namespace latchkey::api {

// The body as a JSON object, sent as application/json (or, on PATCH, merge-patch+json);
// 400 [invalidJSON] for any other Content-Type or anything that is not a JSON object.
Result<json::object> json_body(const http::Request& request);
// The body read through its FusionAuth request type: every field `schema` declares coerced as
// FusionAuth's Jackson binding would ("true" for a boolean, "5" for a number, a role's bare name)
// or 400 fieldErrors[<path>] [invalidJSON] listing each that cannot be
// (services/common/field_reader.hpp).
Result<services::RequestFields> typed_body(const http::Request& request, services::Schema schema);
// The object under `name` in the body ({"user": {...}}); 400 [missing]<name> when absent.
Result<json::object> envelope(const json::object& body, std::string_view name);
// An id captured from the path; 400 [couldNotConvert]<name> when it is not a UUID.
Result<Uuid> path_id(const http::Request& request, std::string_view name);
// Like path_id, for routes where the id segment is optional.
Result<std::optional<Uuid>> optional_path_id(const http::Request& request, std::string_view name);
// A query flag such as hardDelete=true.
bool query_flag(const http::Request& request, std::string_view name);
// How a PATCH body is merged, from its Content-Type.
Result<services::PatchStyle> patch_style(const http::Request& request);

}  // namespace latchkey::api
