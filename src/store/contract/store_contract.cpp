#include "store/contract/store_contract.hpp"

#include <cstdio>

namespace latchkey::store::contract {

std::string backend_name(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param.name;
}

Uuid id(int n) {
  char text[37];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012x", static_cast<unsigned>(n));
  return *Uuid::parse(text);
}

Instant at(std::int64_t epoch_ms) { return from_epoch_ms(epoch_ms); }

domain::User make_user(const Uuid& user_id, const Uuid& tenant_id, std::optional<std::string> email,
                       std::optional<std::string> username) {
  return domain::User{user_id, tenant_id, std::move(email), std::move(username), true, {}, {}, {}};
}

void StoreContract::seed_tenant() { ASSERT_TRUE(store().insert_tenant({kTenant, "Tenant", {}})); }

void StoreContract::seed_application() {
  ASSERT_TRUE(store().insert_application({kApp, kTenant, "App", true, {}}));
}

void StoreContract::seed_user() {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "user@example.com")));
}

}  // namespace latchkey::store::contract
