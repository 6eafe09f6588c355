#include "api/user_handlers.hpp"

#include "api/request_input.hpp"
#include "api/views.hpp"

namespace latchkey::api {
namespace {

http::Response user_response(const services::UserView& user) {
  return http::Response::json(HttpStatus::kOk, json::object{{"user", user_view(user)}});
}

std::vector<services::LoginIdType> login_id_types(const http::Request& request) {
  std::vector<services::LoginIdType> types;
  for (const auto& type : request.query_params("loginIdTypes")) {
    if (type == "email") types.push_back(services::LoginIdType::kEmail);
    if (type == "username") types.push_back(services::LoginIdType::kUsername);
  }
  return types;
}

}  // namespace

Result<http::Response> create_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, optional_path_id(request, "userId"));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kUserRequest));
  LATCHKEY_TRY(auto user, envelope(body.json(), "user"));
  LATCHKEY_TRY(const auto created, services.users.create(caller, id, std::move(user)));
  return user_response(created);
}

Result<http::Response> search_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  if (const auto email = request.query_param("email")) {
    LATCHKEY_TRY(const auto user, services.users.retrieve_by_email(caller, *email));
    return user_response(user);
  }
  if (const auto username = request.query_param("username")) {
    LATCHKEY_TRY(const auto user, services.users.retrieve_by_username(caller, *username));
    return user_response(user);
  }
  if (const auto login_id = request.query_param("loginId")) {
    LATCHKEY_TRY(const auto user,
                 services.users.retrieve_by_login_id(caller, *login_id, login_id_types(request)));
    return user_response(user);
  }
  return fail(Error::status(HttpStatus::kNotFound));
}

Result<http::Response> retrieve_user(http::Request& request, ApiServices& services,
                                     const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "userId"));
  LATCHKEY_TRY(const auto user, services.users.retrieve(caller, id));
  return user_response(user);
}

Result<http::Response> update_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "userId"));
  if (query_flag(request, "reactivate")) {
    LATCHKEY_TRY(const auto user, services.users.reactivate(caller, id));
    return user_response(user);
  }
  LATCHKEY_TRY(const auto body, typed_body(request, services::kUserRequest));
  LATCHKEY_TRY(auto user, envelope(body.json(), "user"));
  LATCHKEY_TRY(const auto updated, services.users.update(caller, id, std::move(user)));
  return user_response(updated);
}

Result<http::Response> patch_user(http::Request& request, ApiServices& services,
                                  const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "userId"));
  LATCHKEY_TRY(const auto style, patch_style(request));
  LATCHKEY_TRY(const auto body, typed_body(request, services::kUserRequest));
  LATCHKEY_TRY(const auto patch, envelope(body.json(), "user"));
  LATCHKEY_TRY(const auto updated, services.users.patch(caller, id, patch, style));
  return user_response(updated);
}

Result<http::Response> delete_user(http::Request& request, ApiServices& services,
                                   const services::Caller& caller) {
  LATCHKEY_TRY(const auto id, path_id(request, "userId"));
  bool hard_delete = query_flag(request, "hardDelete");
  if (!request.body.empty()) {
    // UserDeleteSingleRequest may carry the flag in the body instead.
    LATCHKEY_TRY(const auto body, typed_body(request, services::kUserDeleteRequest));
    hard_delete = hard_delete || body.boolean("hardDelete").value_or(false);
  }
  LATCHKEY_CHECK(services.users.remove(caller, id, hard_delete));
  return http::Response::empty(HttpStatus::kOk);
}

}  // namespace latchkey::api
