#include "api/views.hpp"

namespace latchkey::api {

json::object user_view(const services::UserView& user) {
  json::object doc = user.user.data;
  // Security: an authenticator's TOTP secret is write-only.
  if (auto* two_factor = doc.if_contains("twoFactor"); two_factor && two_factor->is_object()) {
    if (auto* methods = two_factor->as_object().if_contains("methods");
        methods && methods->is_array()) {
      for (auto& method : methods->as_array()) {
        if (method.is_object()) method.as_object().erase("secret");
      }
    }
  }
  doc["active"] = user.user.active;
  json::array registrations;
  for (const auto& registration : user.registrations) {
    registrations.push_back(registration_view(registration));
  }
  if (!registrations.empty()) doc["registrations"] = std::move(registrations);
  json::array memberships;
  for (const auto& member : user.memberships) {
    json::object shown{{"groupId", member.group_id.str()},
                       {"id", member.id.str()},
                       {"insertInstant", to_epoch_ms(member.insert_instant)}};
    if (!member.data.empty()) shown["data"] = member.data;
    memberships.emplace_back(std::move(shown));
  }
  if (!memberships.empty()) doc["memberships"] = std::move(memberships);
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
