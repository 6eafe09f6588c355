#include "services/users/login_throttle.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "crypto/digest.hpp"
#include "crypto/random.hpp"

namespace latchkey::services {
namespace {

using std::chrono::milliseconds;

std::chrono::seconds round_up(milliseconds wait) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
  return std::max(seconds, std::chrono::seconds(1));
}

}  // namespace

LoginThrottle::Table::Table(int limit, milliseconds window, std::size_t max_entries)
    : limit_(window.count() > 0 ? std::max(limit, 0) : 0),
      window_(window),
      interval_(limit_ > 0 ? std::max(window / limit_, milliseconds(1)) : milliseconds(0)),
      per_shard_(std::max<std::size_t>(max_entries / kShards, 8)) {}

std::optional<milliseconds> LoginThrottle::Table::wait(std::uint64_t key, Instant now) const {
  if (!active()) return std::nullopt;
  Shard& s = shard(key);
  std::lock_guard lock(s.mutex);
  const auto found = s.next_free.find(key);
  if (found == s.next_free.end()) return std::nullopt;
  // GCRA: the burst of `limit` failures fills window - interval of credit; past it, wait.
  const auto ahead = found->second - now;
  const auto allowance = window_ - interval_;
  if (ahead <= allowance) return std::nullopt;
  return std::chrono::duration_cast<milliseconds>(ahead - allowance);
}

void LoginThrottle::Table::add(std::uint64_t key, Instant now) {
  if (!active()) return;
  Shard& s = shard(key);
  std::lock_guard lock(s.mutex);
  auto found = s.next_free.find(key);
  if (found == s.next_free.end()) {
    if (s.next_free.size() >= per_shard_) make_room(s, now);
    s.next_free.emplace(key, now + interval_);
    return;
  }
  found->second = std::max(found->second, now) + interval_;
}

void LoginThrottle::Table::make_room(Shard& s, Instant now) const {
  // Decayed entries say nothing any more.
  std::erase_if(s.next_free, [now](const auto& entry) { return entry.second <= now; });
  if (s.next_free.size() < per_shard_) return;
  // Security: still full means many keys are failing at once (someone sprays login ids). Drop
  // the one closest to decaying: the most-attacked keys, furthest ahead, stay throttled.
  const auto oldest = std::ranges::min_element(
      s.next_free, [](const auto& a, const auto& b) { return a.second < b.second; });
  s.next_free.erase(oldest);
}

void LoginThrottle::Table::forget(std::uint64_t key) {
  if (!active()) return;
  Shard& s = shard(key);
  std::lock_guard lock(s.mutex);
  s.next_free.erase(key);
}

std::size_t LoginThrottle::Table::size() const {
  std::size_t total = 0;
  for (const Shard& s : shards_) {
    std::lock_guard lock(s.mutex);
    total += s.next_free.size();
  }
  return total;
}

LoginThrottle::LoginThrottle(LoginThrottleSettings settings)
    : settings_(settings),
      salt_(crypto::random_bytes(32)),
      ids_(settings.per_login_id, settings.window, settings.max_entries),
      addresses_(settings.per_address, settings.window, settings.max_entries) {}

std::uint64_t LoginThrottle::digest(std::string_view kind, std::string_view key) const {
  std::string input(kind);
  input += '\0';
  input += key;
  const std::string mac = crypto::hmac("SHA256", salt_, input);
  std::uint64_t value = 0;
  std::memcpy(&value, mac.data(), sizeof value);
  return value;
}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(std::string_view login_key,
                                                               std::string_view address,
                                                               Instant now) const {
  if (!enabled()) return std::nullopt;
  std::optional<milliseconds> wait;
  if (!login_key.empty()) wait = ids_.wait(digest("id", login_key), now);
  if (!address.empty()) {
    if (const auto by_address = addresses_.wait(digest("address", address), now)) {
      wait = std::max(wait.value_or(milliseconds(0)), *by_address);
    }
  }
  if (!wait) return std::nullopt;
  return round_up(*wait);
}

void LoginThrottle::record_failure(std::string_view login_key, std::string_view address,
                                   Instant now) {
  if (!enabled()) return;
  if (!login_key.empty()) ids_.add(digest("id", login_key), now);
  if (!address.empty()) addresses_.add(digest("address", address), now);
}

void LoginThrottle::record_success(std::string_view login_key) {
  if (!enabled() || login_key.empty()) return;
  ids_.forget(digest("id", login_key));
}

std::size_t LoginThrottle::size() const { return ids_.size() + addresses_.size(); }

std::string LoginThrottle::user_key(std::string_view user_id) {
  return "user:" + std::string(user_id);
}

std::string LoginThrottle::login_id_key(std::string_view tenant_id, std::string_view login_id) {
  std::string key = "login:" + std::string(tenant_id) + ":";
  key.reserve(key.size() + login_id.size());
  for (const char c : login_id) {
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

std::string LoginThrottle::address_key(std::string_view address) {
  std::string text(address);  // not const: each return moves it
  unsigned char bytes[16] = {};
  if (inet_pton(AF_INET6, text.c_str(), bytes) != 1) return text;  // IPv4 or a name: as is
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[INET6_ADDRSTRLEN] = {};
  if (std::memcmp(bytes, kMapped, sizeof kMapped) == 0) {
    if (inet_ntop(AF_INET, bytes + 12, out, sizeof out) == nullptr) return text;
    return out;
  }
  // Security: one IPv6 subscriber holds a whole /64, so counting single addresses would give an
  // attacker 2^64 fresh budgets.
  std::memset(bytes + 8, 0, 8);
  if (inet_ntop(AF_INET6, bytes, out, sizeof out) == nullptr) return text;
  return std::string(out) + "/64";
}

}  // namespace latchkey::services
