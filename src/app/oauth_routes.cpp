#include "app/routes.hpp"

namespace latchkey::app {

void add_oauth_routes(http::Router& router, api::ApiServices& services) {
  (void)router;
  (void)services;
}

}  // namespace latchkey::app
