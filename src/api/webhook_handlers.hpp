#pragma once
// /api/webhook: create, retrieve, list, update, patch, delete; GET /metrics (delivery counters).

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

Result<http::Response> create_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> retrieve_webhooks(http::Request& request, ApiServices& services,
                                         const services::Caller& caller);
Result<http::Response> retrieve_webhook(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);
Result<http::Response> update_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> patch_webhook(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> delete_webhook(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
Result<http::Response> webhook_metrics(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);

}  // namespace latchkey::api
