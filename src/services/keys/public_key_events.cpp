#include "services/keys/public_key_events.hpp"

#include <array>

namespace latchkey::services {

bool signing_keys_changed(const json::object& before, const json::object& after) {
  constexpr std::array<std::string_view, 2> kKeys = {"jwtConfiguration.accessTokenKeyId",
                                                     "jwtConfiguration.idTokenKeyId"};
  for (const auto key : kKeys) {
    if (json::get_string(before, key) != json::get_string(after, key)) return true;
  }
  return false;
}

json::object public_key_update_event(const std::vector<Uuid>& application_ids) {
  json::array ids;
  for (const auto& id : application_ids) ids.push_back(json::value(id.str()));
  return json::object{{"type", "jwt.public-key.update"}, {"applicationIds", std::move(ids)}};
}

}  // namespace latchkey::services
