#include "oidc/oauth_handlers.hpp"

#include "http/authorization.hpp"
#include "http/form.hpp"
#include "oidc/oauth_errors.hpp"
#include "services/common/oauth_rules.hpp"

namespace latchkey::oidc {
namespace {

using services::oauth::invalid_request;

// RFC 6749 §5.1: token responses are never cached.
http::Response no_store(http::Response response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  return response;
}

// The form of a POST: x-www-form-urlencoded, every parameter at most once (RFC 6749 §3.2).
Result<http::Form> read_form(const http::Request& request) {
  const auto type = request.content_type();
  if (!request.body.empty() && type != "application/x-www-form-urlencoded") {
    return fail(
        invalid_request("The body must be application/x-www-form-urlencoded.", "invalid_request"));
  }
  auto form = http::Form::parse(request.body);
  if (!form) return fail(invalid_request("The form body is malformed.", "invalid_request"));
  for (const auto& [name, value] : form->fields()) {
    if (form->count(name) > 1) {
      return fail(invalid_request("The parameter " + name + " was sent more than once.",
                                  "invalid_request"));
    }
  }
  return std::move(*form);
}

std::optional<std::string> header_value(const http::Request& request, std::string_view name) {
  const auto value = request.header(name);
  if (!value) return std::nullopt;
  return std::string(*value);
}

std::optional<std::string> ip_of(const http::Request& request) {
  if (request.client_ip.empty()) return std::nullopt;
  return request.client_ip;
}

http::Response answer(const http::Request& request, Result<json::object> result) {
  if (!result) {
    log_refusal(request, result.error());
    return render_oauth_error(result.error());
  }
  return no_store(http::Response::json(HttpStatus::kOk, *result));
}

services::OAuthTokenCheck token_check(const http::Request& request, const http::Form& form) {
  return {header_value(request, "Authorization"),
          form.get("client_id"),
          form.get("client_secret"),
          form.get("token"),
          form.get("token_type_hint"),
          ip_of(request)};
}

}  // namespace

std::string base_url(const http::Request& request) {
  // Security: never the client's Host header. The session set it from the configured public
  // URL, or from a trusted proxy's X-Forwarded-Proto/-Host (http/forwarded.hpp).
  return request.base_url;
}

http::Response token(const http::Request& request, services::TokenEndpoint& endpoint) {
  auto form = read_form(request);
  if (!form) return answer(request, fail(std::move(form).error()));
  auto login_id = form->get("loginId");
  if (!login_id) login_id = form->get("username");
  services::OAuthTokenRequest input{header_value(request, "Authorization"),
                                    form->get("grant_type"),
                                    form->get("client_id"),
                                    form->get("client_secret"),
                                    form->get("code"),
                                    form->get("redirect_uri"),
                                    form->get("code_verifier"),
                                    std::move(login_id),
                                    form->get("password"),
                                    form->get("scope"),
                                    form->get("refresh_token"),
                                    form->get("device"),
                                    ip_of(request)};
  return answer(request, endpoint.token(input));
}

http::Response introspect(const http::Request& request,
                          const services::TokenIntrospection& introspection) {
  auto form = read_form(request);
  if (!form) return answer(request, fail(std::move(form).error()));
  return answer(request, introspection.introspect(token_check(request, *form)));
}

http::Response userinfo(const http::Request& request, const services::Userinfo& userinfo) {
  const auto bearer = http::bearer_token(http::authorization(request));
  return answer(request,
                userinfo.userinfo(bearer ? std::optional<std::string>(*bearer) : std::nullopt));
}

http::Response revoke(const http::Request& request, services::TokenRevocation& revocation) {
  auto form = read_form(request);
  if (!form) return answer(request, fail(std::move(form).error()));
  auto result = revocation.revoke(token_check(request, *form));
  if (!result) return answer(request, fail(std::move(result).error()));
  return no_store(http::Response::empty(HttpStatus::kOk));
}

http::Response discovery(const http::Request& request, const services::Discovery& discovery) {
  std::optional<std::string> tenant_id = request.query_param("tenantId");
  if (const auto it = request.path_params.find("tenantId"); it != request.path_params.end()) {
    tenant_id = it->second;
  }
  auto result = discovery.discovery(tenant_id, base_url(request));
  if (!result) return answer(request, std::move(result));
  return http::Response::json(HttpStatus::kOk, *result);
}

}  // namespace latchkey::oidc
