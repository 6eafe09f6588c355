#include "api/views.hpp"

namespace latchkey::api {

json::object user_view(const services::UserView& user) {
  json::object doc = user.user.data;
  doc["active"] = user.user.active;
  json::array registrations;
  for (const auto& registration : user.registrations) {
    registrations.push_back(registration_view(registration));
  }
  if (!registrations.empty()) doc["registrations"] = std::move(registrations);
  return doc;
}

json::object registration_view(const domain::Registration& registration) {
  return registration.data;
}

json::object api_key_view(const services::ApiKeyView& key) {
  json::object doc = key.key.data;
  if (!key.reveal_key) doc.erase("key");
  return doc;
}

}  // namespace latchkey::api
