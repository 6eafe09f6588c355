#pragma once
// /api/email/template, /api/form, /api/form/field, /api/lambda: one set of handlers for every
// configuration document kind, instantiated per kind (services/configuration/config_kind.hpp).
// Each parses, calls ConfigDocumentService once and renders FusionAuth's envelope
// ({"lambda": ...}, {"lambdas": [...]}, {"lambdas": [...], "total": n}).
//
//   {"POST", "/api/lambda", Auth::kApiKey, api::create_document<services::ConfigKind::kLambda>},

#include "api/api_services.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "services/configuration/config_kind.hpp"

namespace latchkey::api {

// POST /api/<kind> and /api/<kind>/{id}.
template <services::ConfigKind K>
Result<http::Response> create_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
// GET /api/<kind>: every document; query parameters the kind filters on (lambda ?type=).
template <services::ConfigKind K>
Result<http::Response> retrieve_documents(http::Request& request, ApiServices& services,
                                          const services::Caller& caller);
template <services::ConfigKind K>
Result<http::Response> retrieve_document(http::Request& request, ApiServices& services,
                                         const services::Caller& caller);
template <services::ConfigKind K>
Result<http::Response> update_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
template <services::ConfigKind K>
Result<http::Response> patch_document(http::Request& request, ApiServices& services,
                                      const services::Caller& caller);
template <services::ConfigKind K>
Result<http::Response> delete_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller);
// POST /api/<kind>/search ({"search": {...}}) and GET with the criteria as query parameters.
template <services::ConfigKind K>
Result<http::Response> search_documents(http::Request& request, ApiServices& services,
                                        const services::Caller& caller);

}  // namespace latchkey::api
