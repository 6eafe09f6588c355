#pragma once
// Slows online password guessing: counts FAILED logins per login id (or user) and per client
// address in memory, and refuses further attempts for a while once either count runs over
// (429 with Retry-After on the Login API, the OAuth password grant and the hosted form).
//
//   if (const auto wait = throttle.retry_after(key, address, now)) return too_many(*wait);
//   ... check the password ...
//   ok ? throttle.record_success(key) : throttle.record_failure(key, address, now);
//
// Each key holds one instant, its "theoretical arrival time" (GCRA, the generic cell rate
// algorithm): `limit` failures may come in a burst, after which one more is allowed every
// window/limit. So a steady guesser gets `limit` tries per window, and an honest user who mistypes
// a few times is never slowed. Successful logins cost nothing.
//
// Concurrency: keys are spread over kShards independently locked shards; no lock is global and
// none is held longer than a hash-map operation. Memory: each table holds at most max_entries
// keys (fixed-size digests, never the attacker's strings); when a shard is full, decayed entries
// go first, then the one closest to decaying, so the keys being attacked hardest are kept.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace latchkey::services {

struct LoginThrottleSettings {
  int per_login_id = 10;             // failures per login id (or user) per window; 0: not throttled
  int per_address = 100;             // failures per client address per window; 0: not throttled
  std::chrono::seconds window{60};   // 0 disables the throttle
  std::size_t max_entries = 65'536;  // per table
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleSettings settings);

  // How long until another attempt may be made for `login_key` from `address`; nothing when it
  // may be made now. Either may be empty (unknown), which skips that count.
  [[nodiscard]] std::optional<std::chrono::seconds> retry_after(std::string_view login_key,
                                                                std::string_view address,
                                                                Instant now) const;
  void record_failure(std::string_view login_key, std::string_view address, Instant now);
  // A correct login forgets the login id's failures (not the address's: many users may share
  // one address, and one success says nothing about the others' guesses).
  void record_success(std::string_view login_key);

  [[nodiscard]] bool enabled() const { return settings_.window.count() > 0; }
  // Keys held (decayed ones included until they are evicted); for tests of the memory bound.
  [[nodiscard]] std::size_t size() const;

  // The key of one user (preferred: the same whichever login id names them) or, for a login id
  // that names no one, of that login id in its tenant (ASCII case folded).
  static std::string user_key(std::string_view user_id);
  static std::string login_id_key(std::string_view tenant_id, std::string_view login_id);
  // A client address as counted: IPv4 as is, IPv6 by its /64 (one subscriber's allocation), an
  // IPv4-mapped IPv6 address as its IPv4 address.
  static std::string address_key(std::string_view address);

 private:
  class Table {
   public:
    Table(int limit, std::chrono::milliseconds window, std::size_t max_entries);
    [[nodiscard]] std::optional<std::chrono::milliseconds> wait(std::uint64_t key,
                                                                Instant now) const;
    void add(std::uint64_t key, Instant now);
    void forget(std::uint64_t key);
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] bool active() const { return limit_ > 0; }

   private:
    static constexpr std::size_t kShards = 64;
    struct alignas(64) Shard {
      mutable std::mutex mutex;
      std::unordered_map<std::uint64_t, Instant> next_free;  // the GCRA arrival time
    };
    Shard& shard(std::uint64_t key) const { return shards_[key % kShards]; }
    void make_room(Shard& shard, Instant now) const;

    int limit_;
    std::chrono::milliseconds window_;
    std::chrono::milliseconds interval_;  // window / limit: how fast the count decays
    std::size_t per_shard_;
    mutable std::array<Shard, kShards> shards_;
  };

  [[nodiscard]] std::uint64_t digest(std::string_view kind, std::string_view key) const;

  LoginThrottleSettings settings_;
  std::string salt_;  // per process: keys cannot be aimed at one shard or one map bucket
  Table ids_;
  Table addresses_;
};

}  // namespace latchkey::services
