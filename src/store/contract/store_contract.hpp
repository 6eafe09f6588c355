#pragma once
// The store contract: one GoogleTest fixture, parameterised over every backend, that each
// interface's suite (*_store_contract.cpp) runs against. A suite states what callers may rely
// on (round-trips, not-found answers, WriteResult conflicts, ordering, and the one-winner
// rules under concurrency); a backend passes when every suite passes on it.
//
//   class TenantStoreContract : public StoreContract {};
//   TEST_P(TenantStoreContract, NamesAreUniqueIgnoringCase) { ... store() ... }
//   LATCHKEY_STORE_CONTRACT(TenantStoreContract);
//
// The backends are listed once, in store_backends.cpp.

#include <gtest/gtest.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <latch>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace latchkey::store::contract {

// A fresh, migrated, empty store, and whatever must outlive it (a temporary file, a scratch
// schema). `scratch` is declared first so that it is released after the store.
struct OpenedStore {
  std::shared_ptr<void> scratch;
  std::unique_ptr<Store> store;
};

struct StoreBackend {
  std::string name;  // a GoogleTest name: letters and digits only
  std::function<OpenedStore()> open;
};

// Every backend the contract runs against (store_backends.cpp).
std::vector<StoreBackend> store_backends();

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info);

// Runs every TEST_P of `suite` on every backend.
#define LATCHKEY_STORE_CONTRACT(suite)                                                         \
  INSTANTIATE_TEST_SUITE_P(Store, suite,                                                       \
                           ::testing::ValuesIn(::latchkey::store::contract::store_backends()), \
                           ::latchkey::store::contract::backend_name)

// How many threads a concurrency rule is tested with: more than a pool has connections, so
// some callers queue while others race.
inline constexpr std::size_t kRacers = 12;

// Starts `count` threads, releases them together (a latch, not a sleep) and answers each
// one's result in thread order. An exception in a thread is rethrown here after all joined.
template <class Result, class Task>
std::vector<Result> run_together(std::size_t count, Task task) {
  std::latch start(static_cast<std::ptrdiff_t>(count));
  std::vector<std::optional<Result>> results(count);
  std::vector<std::exception_ptr> errors(count);
  std::vector<std::thread> threads;
  threads.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        results[i] = task(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
  std::vector<Result> answers;
  answers.reserve(count);
  for (auto& result : results) answers.push_back(std::move(*result));
  return answers;
}

// A readable, valid id: id(7) is 00000000-0000-4000-8000-000000000007.
Uuid id(int n);
Instant at(std::int64_t epoch_ms);

class StoreContract : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    opened_ = GetParam().open();
    ASSERT_NE(opened_.store, nullptr);
  }

  Store& store() { return *opened_.store; }

  // The parents most records need: tenant kTenant, application kApp in it, user kUser in it.
  void seed_tenant();
  void seed_application();
  void seed_user();

  static inline const Uuid kTenant = id(0xA);
  static inline const Uuid kOtherTenant = id(0xB);
  static inline const Uuid kApp = id(0xAA);
  static inline const Uuid kOtherApp = id(0xAB);
  static inline const Uuid kUser = id(0x100);
  static inline const Uuid kOtherUser = id(0x101);

 private:
  OpenedStore opened_;
};

// A user with the typed fields set and nothing else.
domain::User make_user(const Uuid& user_id, const Uuid& tenant_id, std::optional<std::string> email,
                       std::optional<std::string> username = std::nullopt);

}  // namespace latchkey::store::contract
