#include "api/config_document_handlers.hpp"

#include <string>

#include "api/request_input.hpp"

namespace latchkey::api {
namespace {

using services::ConfigKind;

const services::DocumentNames& names_of(ConfigKind kind) {
  return services::rules_for(kind).names();
}

http::Response one(ConfigKind kind, json::object doc) {
  return http::Response::json(HttpStatus::kOk,
                              json::object{{names_of(kind).envelope, std::move(doc)}});
}

json::array many(std::vector<json::object> docs) {
  json::array out;
  out.reserve(docs.size());
  for (auto& doc : docs) out.emplace_back(std::move(doc));
  return out;
}

Result<json::object> document_body(const http::Request& request, ConfigKind kind) {
  LATCHKEY_TRY(const auto body, json_body(request));
  return envelope(body, names_of(kind).envelope);
}

// The query parameters a kind's search and list know, as criteria.
json::object query_criteria(const http::Request& request, ConfigKind kind, bool paging) {
  json::object criteria;
  const auto spec = services::rules_for(kind).search();
  auto take = [&](std::string_view name) {
    if (auto value = request.query_param(name)) criteria[name] = *value;
  };
  for (const auto name : spec.exact_fields) take(name);
  if (!paging) return criteria;
  for (const auto name : spec.text_fields) take(name);
  for (const auto name : {"name", "orderBy", "startRow", "numberOfResults"}) take(name);
  return criteria;
}

}  // namespace

template <ConfigKind K>
Result<http::Response> create_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, names_of(K).id_field));
  LATCHKEY_TRY(auto doc, document_body(request, K));
  LATCHKEY_TRY(auto created, services.documents.create(caller, K, id, std::move(doc)));
  return one(K, std::move(created));
}

template <ConfigKind K>
Result<http::Response> retrieve_documents(http::Request& request, ApiServices& services,
                                          const services::Caller& caller) {
  LATCHKEY_TRY(auto all, services.documents.list(caller, K, query_criteria(request, K, false)));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{names_of(K).plural, many(std::move(all))}});
}

template <ConfigKind K>
Result<http::Response> retrieve_document(http::Request& request, ApiServices& services,
                                         const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, names_of(K).id_field));
  LATCHKEY_TRY(auto doc, services.documents.retrieve(caller, K, id));
  return one(K, std::move(doc));
}

template <ConfigKind K>
Result<http::Response> update_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, names_of(K).id_field));
  LATCHKEY_TRY(auto doc, document_body(request, K));
  LATCHKEY_TRY(auto updated, services.documents.update(caller, K, id, std::move(doc)));
  return one(K, std::move(updated));
}

template <ConfigKind K>
Result<http::Response> patch_document(http::Request& request, ApiServices& services,
                                      const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, names_of(K).id_field));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto patch, document_body(request, K));
  LATCHKEY_TRY(auto updated, services.documents.patch(caller, K, id, patch, style));
  return one(K, std::move(updated));
}

template <ConfigKind K>
Result<http::Response> delete_document(http::Request& request, ApiServices& services,
                                       const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, names_of(K).id_field));
  LATCHKEY_CHECK(services.documents.remove(caller, K, id));
  return http::Response::empty(HttpStatus::kOk);
}

template <ConfigKind K>
Result<http::Response> search_documents(http::Request& request, ApiServices& services,
                                        const services::Caller& caller) {
  json::object criteria;
  if (request.method == "POST") {
    LATCHKEY_TRY(const auto body, json_body(request));
    if (const auto* search = json::get_object(body, "search")) criteria = *search;
  } else {
    criteria = query_criteria(request, K, true);
  }
  LATCHKEY_TRY(auto page, services.documents.search(caller, K, criteria));
  json::array found;
  for (auto& doc : page.documents) found.emplace_back(std::move(doc.data));
  return http::Response::json(HttpStatus::kOk,
                              json::object{{names_of(K).plural, std::move(found)},
                                           {"total", static_cast<std::int64_t>(page.total)}});
}

// One instantiation per kind: the route table names these.
#define LATCHKEY_CONFIG_DOCUMENT_HANDLERS(K)                                          \
  template Result<http::Response> create_document<K>(http::Request&, ApiServices&,    \
                                                     const services::Caller&);        \
  template Result<http::Response> retrieve_documents<K>(http::Request&, ApiServices&, \
                                                        const services::Caller&);     \
  template Result<http::Response> retrieve_document<K>(http::Request&, ApiServices&,  \
                                                       const services::Caller&);      \
  template Result<http::Response> update_document<K>(http::Request&, ApiServices&,    \
                                                     const services::Caller&);        \
  template Result<http::Response> patch_document<K>(http::Request&, ApiServices&,     \
                                                    const services::Caller&);         \
  template Result<http::Response> delete_document<K>(http::Request&, ApiServices&,    \
                                                     const services::Caller&);        \
  template Result<http::Response> search_documents<K>(http::Request&, ApiServices&,   \
                                                      const services::Caller&);

LATCHKEY_CONFIG_DOCUMENT_HANDLERS(ConfigKind::kEmailTemplate)
LATCHKEY_CONFIG_DOCUMENT_HANDLERS(ConfigKind::kForm)
LATCHKEY_CONFIG_DOCUMENT_HANDLERS(ConfigKind::kFormField)
LATCHKEY_CONFIG_DOCUMENT_HANDLERS(ConfigKind::kLambda)
#undef LATCHKEY_CONFIG_DOCUMENT_HANDLERS

}  // namespace latchkey::api
