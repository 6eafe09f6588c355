#pragma once
// /api/entity/type (and its permissions), /api/entity and /api/entity/{entityId}/grant, with
// their searches: FusionAuth's Entity Management APIs.

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace latchkey::api {

// Entity types.
Result<http::Response> create_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> retrieve_entity_types(http::Request& request, ApiServices& services,
                                             const services::Caller& caller);
Result<http::Response> retrieve_entity_type(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);
Result<http::Response> update_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> patch_entity_type(http::Request& request, ApiServices& services,
                                         const services::Caller& caller);
Result<http::Response> delete_entity_type(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
Result<http::Response> search_entity_types(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> create_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller);
Result<http::Response> update_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller);
Result<http::Response> patch_entity_type_permission(http::Request& request, ApiServices& services,
                                                    const services::Caller& caller);
Result<http::Response> delete_entity_type_permission(http::Request& request, ApiServices& services,
                                                     const services::Caller& caller);

// Entities.
Result<http::Response> create_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> retrieve_entity(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
Result<http::Response> update_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> patch_entity(http::Request& request, ApiServices& services,
                                    const services::Caller& caller);
Result<http::Response> delete_entity(http::Request& request, ApiServices& services,
                                     const services::Caller& caller);
Result<http::Response> search_entities(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);

// Entity grants.
Result<http::Response> upsert_entity_grant(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> retrieve_entity_grants(http::Request& request, ApiServices& services,
                                              const services::Caller& caller);
Result<http::Response> delete_entity_grant(http::Request& request, ApiServices& services,
                                           const services::Caller& caller);
Result<http::Response> search_entity_grants(http::Request& request, ApiServices& services,
                                            const services::Caller& caller);

}  // namespace latchkey::api
