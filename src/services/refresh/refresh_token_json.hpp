#pragma once
// FusionAuth's JSON for refresh tokens and their events: the RefreshToken object of the
// retrieve API (seed "Retrieve Refresh Tokens"), and the bodies of jwt.refresh
// (seeds/jwt-refresh-event.txt) and jwt.refresh-token.revoke (spec/webhooks-events.md).
//
//   body["refreshToken"] = refresh_token_json(record, refresh_tokens.reveal(record));

#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "domain/records.hpp"

namespace latchkey::services {

// Who triggered an event: the event's `info` block.
struct EventInfo {
  std::optional<std::string> ip_address;
  std::optional<std::string> user_agent;
};

// Only the seed's members (id, applicationId, insertInstant, startInstant, metaData{device,
// scopes}, tenantId, token, userId): Latchkey's bookkeeping in `data` never leaves.
json::object refresh_token_json(const domain::RefreshToken& token,
                                const std::optional<std::string>& value);

// `info` with the request's address and agent and the token's device description.
json::object event_info(const EventInfo& info, const domain::RefreshToken& token);

struct RefreshEvent {
  const domain::RefreshToken* token = nullptr;  // after the exchange
  std::string access_token;
  std::string refresh_token;            // the value the client holds after the exchange
  std::optional<std::string> original;  // the previous access token, only when sent
  EventInfo info;
  Instant now;
};
json::object jwt_refresh_event(const RefreshEvent& event);

struct RevokeEvent {
  Uuid tenant_id;
  std::optional<Uuid> application_id;                    // application variants
  std::optional<Uuid> user_id;                           // user variants
  const json::object* user = nullptr;                    // user variants: the user's document
  const domain::RefreshToken* token = nullptr;           // single-token variants
  std::map<std::string, std::int64_t> application_ttls;  // appId -> access-token TTL (s)
  std::optional<std::string> reason;  // why Latchkey revoked on its own (info.data)
  EventInfo info;
  Instant now;
};
json::object jwt_refresh_token_revoke_event(const RevokeEvent& event);

}  // namespace latchkey::services
