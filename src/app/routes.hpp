#pragma once
// The whole route table in one readable list.

#include "api/api_services.hpp"
#include "http/router.hpp"

namespace latchkey::app {

http::Router build_routes(api::ApiServices& services);

}  // namespace latchkey::app
