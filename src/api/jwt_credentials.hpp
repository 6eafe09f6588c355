#pragma once
// Where a request carries a user's access token (spec/conventions.md §4): the Authorization
// header with the Bearer (or legacy JWT) scheme, else the access_token cookie.

#include <optional>
#include <string>

#include "http/request.hpp"

namespace latchkey::api {

std::optional<std::string> access_token(const http::Request& request);

}  // namespace latchkey::api
