#include "api/errors.hpp"

namespace latchkey::api {
namespace {

boost::json::object item(const ErrorItem& error) {
  return {{"code", error.code}, {"message", error.message}};
}

}  // namespace

namespace {

http::Response with_retry_after(http::Response response, const Error& error) {
  if (const auto& delay = error.retry_after()) {
    response.set_header("Retry-After", std::to_string(delay->count()));
  }
  return response;
}

}  // namespace

http::Response render_error(const Error& error) {
  if (!error.has_body()) {
    return with_retry_after(http::Response::empty(error.http_status()), error);
  }
  boost::json::object body;
  if (!error.field_errors().empty()) {
    boost::json::object fields;
    for (const auto& [field, items] : error.field_errors()) {
      boost::json::array list;
      for (const auto& entry : items) list.push_back(item(entry));
      fields[field] = std::move(list);
    }
    body["fieldErrors"] = std::move(fields);
  }
  if (!error.general_errors().empty()) {
    boost::json::array list;
    for (const auto& entry : error.general_errors()) list.push_back(item(entry));
    body["generalErrors"] = std::move(list);
  }
  if (const auto& oauth = error.oauth_error()) {
    body["error"] = oauth->error;
    if (!oauth->description.empty()) body["error_description"] = oauth->description;
    if (!oauth->reason.empty()) body["error_reason"] = oauth->reason;
  }
  return with_retry_after(http::Response::json(error.http_status(), body), error);
}

}  // namespace latchkey::api
