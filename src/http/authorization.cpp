#include "http/authorization.hpp"

#include "core/base64.hpp"

namespace latchkey::http {

bool Authorization::is(std::string_view name) const { return iequals(scheme, name); }

std::optional<Authorization> parse_authorization(std::optional<std::string_view> header) {
  if (!header || header->empty()) return std::nullopt;
  Authorization parsed;
  parsed.raw = *header;
  const auto space = header->find(' ');
  parsed.scheme = header->substr(0, space);
  if (space != std::string_view::npos) {
    const auto start = header->find_first_not_of(' ', space);
    if (start != std::string_view::npos) parsed.credentials = header->substr(start);
  }
  return parsed;
}

std::optional<Authorization> authorization(const Request& request) {
  return parse_authorization(request.header("Authorization"));
}

std::optional<std::string_view> bearer_token(const std::optional<Authorization>& a) {
  if (!a || !a->is("Bearer") || a->credentials.empty()) return std::nullopt;
  return a->credentials;
}

bool jwt_scheme(const std::optional<Authorization>& authorization) {
  return authorization && (authorization->is("Bearer") || authorization->is("JWT"));
}

std::optional<std::string> access_token(const Request& request) {
  const auto header = authorization(request);
  if (jwt_scheme(header) && !header->credentials.empty()) return std::string(header->credentials);
  return request.cookie("access_token");
}

BasicParse basic_credentials(const std::optional<Authorization>& authorization) {
  if (!authorization || !authorization->is("Basic")) return {};
  const auto decoded = base64::decode(authorization->credentials);
  const auto colon = decoded ? decoded->find(':') : std::string::npos;
  if (authorization->credentials.empty() || colon == std::string::npos) {
    return {.credentials = std::nullopt, .malformed = true};
  }
  return {.credentials = BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)},
          .malformed = false};
}

}  // namespace latchkey::http
