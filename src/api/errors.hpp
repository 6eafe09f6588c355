#pragma once
// Renders an Error the way FusionAuth's /api/* endpoints do: the Errors object
// ({"fieldErrors": {...}, "generalErrors": [...]}) as JSON, or an empty body where FusionAuth
// sends none (401, most 404s).

#include "core/error.hpp"
#include "http/response.hpp"

namespace latchkey::api {

http::Response render_error(const Error& error);

}  // namespace latchkey::api
