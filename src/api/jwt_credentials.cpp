#include "api/jwt_credentials.hpp"

namespace latchkey::api {
namespace {

std::optional<std::string> after_scheme(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') return std::nullopt;
  if (!http::iequals(header.substr(0, scheme.size()), scheme)) return std::nullopt;
  auto token = header.substr(scheme.size() + 1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty()) return std::nullopt;
  return std::string(token);
}

}  // namespace

std::optional<std::string> access_token(const http::Request& request) {
  if (const auto header = request.header("Authorization")) {
    if (auto token = after_scheme(*header, "Bearer")) return token;
    if (auto token = after_scheme(*header, "JWT")) return token;
  }
  return request.cookie("access_token");
}

}  // namespace latchkey::api
