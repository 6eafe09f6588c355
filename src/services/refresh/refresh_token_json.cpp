#include "services/refresh/refresh_token_json.hpp"

#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

json::object event_header(std::string_view type, const Uuid& tenant_id, Instant now) {
  return json::object{{"type", type},
                      {"id", crypto::random_uuid().str()},
                      {"createInstant", to_epoch_ms(now)},
                      {"tenantId", tenant_id.str()}};
}

}  // namespace

json::object refresh_token_json(const domain::RefreshToken& token,
                                const std::optional<std::string>& value) {
  json::object out;
  if (token.application_id) out["applicationId"] = token.application_id->str();
  out["insertInstant"] = to_epoch_ms(token.insert_instant);
  out["id"] = token.id.str();
  json::object meta;
  if (const auto* device = json::get_object(token.data, "metaData.device")) {
    meta["device"] = *device;
  }
  if (const auto* scopes = json::get_array(token.data, "metaData.scopes")) {
    meta["scopes"] = *scopes;
  }
  out["metaData"] = std::move(meta);
  out["startInstant"] = to_epoch_ms(token.start_instant);
  out["tenantId"] = token.tenant_id.str();
  if (value) out["token"] = *value;
  out["userId"] = token.user_id.str();
  return out;
}

json::object event_info(const EventInfo& info, const domain::RefreshToken& token) {
  json::object out;
  if (info.ip_address) out["ipAddress"] = *info.ip_address;
  if (info.user_agent) out["userAgent"] = *info.user_agent;
  // The device the token was issued to, as its metaData describes it.
  if (const auto name = json::get_string(token.data, "metaData.device.name")) {
    out["deviceName"] = *name;
  }
  if (const auto description = json::get_string(token.data, "metaData.device.description")) {
    out["deviceDescription"] = *description;
  }
  if (const auto type = json::get_string(token.data, "metaData.device.type")) {
    out["deviceType"] = *type;
  }
  return out;
}

json::object jwt_refresh_event(const RefreshEvent& event) {
  const auto& token = *event.token;
  json::object out = event_header("jwt.refresh", token.tenant_id, event.now);
  if (token.application_id) out["applicationId"] = token.application_id->str();
  // Seed: "omitted if the token parameter was not provided on the initiating request".
  if (event.original) out["original"] = *event.original;
  out["token"] = event.access_token;
  out["refreshToken"] = event.refresh_token;
  out["userId"] = token.user_id.str();
  out["info"] = event_info(event.info, token);
  return out;
}

json::object jwt_refresh_token_revoke_event(const RevokeEvent& event) {
  json::object out = event_header("jwt.refresh-token.revoke", event.tenant_id, event.now);
  if (event.application_id) out["applicationId"] = event.application_id->str();
  json::object ttls;
  for (const auto& [application, ttl] : event.application_ttls) ttls[application] = ttl;
  out["applicationTimeToLiveInSeconds"] = std::move(ttls);
  if (event.token) out["refreshToken"] = refresh_token_json(*event.token, std::nullopt);
  if (event.user_id) out["userId"] = event.user_id->str();
  if (event.user) {
    json::object user = *event.user;
    user.erase("twoFactor");  // Security: an authenticator's secret never leaves in an event
    out["user"] = std::move(user);
  }
  json::object info;
  if (event.token) {
    info = event_info(event.info, *event.token);
  } else {
    if (event.info.ip_address) info["ipAddress"] = *event.info.ip_address;
    if (event.info.user_agent) info["userAgent"] = *event.info.user_agent;
  }
  // info.data "can hold any information about the event": why Latchkey revoked by itself.
  if (event.reason) info["data"] = json::object{{"reason", *event.reason}};
  out["info"] = std::move(info);
  return out;
}

}  // namespace latchkey::services
