#include "services/webhooks/webhook_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/ip_address.hpp"

namespace latchkey::services {
namespace {

constexpr std::array<std::string_view, 3> kSystemEvents = {"audit-log.create", "event-log.create",
                                                           "kickstart.success"};

// spec/webhooks-events.md: the JWT events and user.login.success are documented as
// transactional; they are the ones Latchkey raises that can refuse a change.
constexpr std::array<std::string_view, 4> kTransactionalEvents = {
    "jwt.refresh", "jwt.refresh-token.revoke", "jwt.public-key.update", "user.login.success"};

const json::object* event_configuration(const json::object& tenant, std::string_view type) {
  const auto* events = json::get_object(tenant, "eventConfiguration.events");
  if (events == nullptr) return nullptr;
  const auto* entry = events->if_contains(type);
  return entry != nullptr && entry->is_object() ? &entry->as_object() : nullptr;
}

}  // namespace

std::optional<TransactionType> parse_transaction_type(std::string_view text) {
  if (text == "None") return TransactionType::kNone;
  if (text == "Any") return TransactionType::kAny;
  if (text == "SimpleMajority") return TransactionType::kSimpleMajority;
  if (text == "SuperMajority") return TransactionType::kSuperMajority;
  if (text == "AbsoluteMajority") return TransactionType::kAbsoluteMajority;
  return std::nullopt;
}

bool is_system_event(std::string_view type) {
  return std::ranges::find(kSystemEvents, type) != kSystemEvents.end();
}

bool is_transactional_event(std::string_view type) {
  return std::ranges::find(kTransactionalEvents, type) != kTransactionalEvents.end();
}

bool tenant_enables(const json::object& tenant, std::string_view type) {
  if (is_system_event(type)) return true;
  const auto* config = event_configuration(tenant, type);
  if (config == nullptr) return false;
  const auto* enabled = config->if_contains("enabled");
  return enabled != nullptr && enabled->is_bool() && enabled->as_bool();
}

TransactionType transaction_type(const json::object& tenant, std::string_view type) {
  if (!is_transactional_event(type)) return TransactionType::kNone;
  const auto* config = event_configuration(tenant, type);
  if (config == nullptr) return TransactionType::kNone;
  const auto* value = config->if_contains("transactionType");
  if (value == nullptr || !value->is_string()) return TransactionType::kNone;
  return parse_transaction_type(value->as_string()).value_or(TransactionType::kNone);
}

bool receives(const json::object& webhook, const Uuid& tenant_id, std::string_view type) {
  const auto* events = json::get_object(webhook, "eventsEnabled");
  const auto* enabled = events != nullptr ? events->if_contains(type) : nullptr;
  if (enabled == nullptr || !enabled->is_bool() || !enabled->as_bool()) return false;
  if (json::get_bool(webhook, "global").value_or(false)) return true;
  const auto* tenants = json::get_array(webhook, "tenantIds");
  if (tenants == nullptr) return false;
  return std::ranges::any_of(*tenants, [&](const json::value& id) {
    return id.is_string() && Uuid::parse(id.as_string()) == tenant_id;
  });
}

bool quorum_met(TransactionType type, std::size_t total, std::size_t succeeded) {
  if (total == 0) return true;
  // FusionAuth's TransactionType.success, in integers: S >= N/2 and S >= 2N/3 exactly.
  switch (type) {
    case TransactionType::kNone:
      return true;
    case TransactionType::kAny:
      return succeeded > 0;
    case TransactionType::kSimpleMajority:
      return 2 * succeeded >= total;
    case TransactionType::kSuperMajority:
      return 3 * succeeded >= 2 * total;
    case TransactionType::kAbsoluteMajority:
      return succeeded == total;
  }
  return false;
}

std::chrono::milliseconds retry_delay(int attempts_made, std::chrono::milliseconds base,
                                      std::chrono::milliseconds cap) {
  if (attempts_made < 1) attempts_made = 1;
  auto delay = base;
  for (int i = 1; i < attempts_made && delay < cap; ++i) delay *= 2;
  return std::min(delay, cap);
}

namespace {

// The host of "scheme://[userinfo@]host[:port]/...", lower-case, without a trailing dot;
// "[v6]" keeps its brackets.
std::string url_host(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::string_view host = authority;
  if (host.starts_with('[')) {
    host =
        host.substr(0, host.find(']') == std::string_view::npos ? host.size() : host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  std::string out(host);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (out.ends_with('.')) out.pop_back();
  return out;
}

// WHATWG URL "ends in a number": such a host is read as IPv4 or is no host at all.
bool ends_in_number(std::string_view host) {
  const auto dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (std::ranges::all_of(last, [](char c) { return c >= '0' && c <= '9'; })) return true;
  return last.starts_with("0x") && std::ranges::all_of(last.substr(2), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) != 0;
         });
}

}  // namespace

bool targets_non_public_host(std::string_view url) {
  const std::string host = url_host(url);
  if (host.empty()) return true;
  // Security: percent-escapes in a host are decoded by some resolvers; none is needed.
  if (host.find('%') != std::string::npos) return true;
  if (host == "localhost" || host.ends_with(".localhost")) return true;
  if (const auto address = IpAddress::parse_url_host(host)) return is_non_public(*address);
  // An IPv4-looking host that is no valid address ("999.0.0.1") or an unparsable bracket.
  return host.starts_with('[') || ends_in_number(host);
}

}  // namespace latchkey::services
