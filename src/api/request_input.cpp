#include "api/request_input.hpp"

namespace latchkey::api {

Result<json::object> json_body(const http::Request& request) {
  // Security: a JSON endpoint reads only a body declared as JSON (FusionAuth binds the body
  // only then). A text/plain or form body is what a cross-site HTML form or a "simple" CORS
  // request can send without a preflight, so it must never log anyone in or create anything.
  // Parameters such as charset are allowed; PATCH also takes JSON Merge Patch (RFC 7386).
  const std::string type = request.content_type();
  const bool json = type == "application/json" ||
                    (request.method == "PATCH" && type == "application/merge-patch+json");
  if (!json) {
    return fail(Error::general(HttpStatus::kBadRequest, "[invalidJSON]",
                               "Your request is missing a JSON body. Send the body with the "
                               "Content-Type application/json."));
  }
  auto parsed = json::parse_object(request.body);
  if (!parsed) {
    return fail(Error::general(HttpStatus::kBadRequest, "[invalidJSON]",
                               "Unable to parse the request body as a JSON object."));
  }
  return std::move(*parsed);
}

Result<services::RequestFields> typed_body(const http::Request& request, services::Schema schema) {
  LATCHKEY_TRY(auto body, json_body(request));
  return services::RequestFields::read(std::move(body), schema);
}

Result<json::object> envelope(const json::object& body, std::string_view name) {
  const auto* member = body.if_contains(name);
  if (member == nullptr || !member->is_object()) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[missing]" + field,
                             "Your request is missing the [" + field + "] object."));
  }
  return member->as_object();
}

Result<Uuid> path_id(const http::Request& request, std::string_view name) {
  const std::string& text = request.path_param(name);
  auto id = Uuid::parse(text);
  if (!id) {
    const std::string field(name);
    return fail(Error::field(HttpStatus::kBadRequest, field, "[couldNotConvert]" + field,
                             "Invalid value for [" + field + "]. It must be a valid UUID."));
  }
  return *id;
}

Result<std::optional<Uuid>> optional_path_id(const http::Request& request, std::string_view name) {
  if (!request.path_params.contains(std::string(name))) return std::optional<Uuid>();
  LATCHKEY_TRY(const Uuid id, path_id(request, name));
  return std::optional<Uuid>(id);
}

bool query_flag(const http::Request& request, std::string_view name) {
  return request.query_param(name) == "true";
}

Result<services::PatchStyle> patch_style(const http::Request& request) {
  const std::string type = request.content_type();
  if (type == "application/merge-patch+json") return services::PatchStyle::kMergePatch;
  if (type.empty() || type == "application/json") return services::PatchStyle::kLegacyMerge;
  return fail(Error::general(HttpStatus::kUnsupportedMediaType, "[invalid]Content-Type",
                             "PATCH accepts application/json or application/merge-patch+json."));
}

}  // namespace latchkey::api
