// SystemConfigurationStore contract: one document for the whole instance.
//
// - A fresh store has none. insert writes only when none exists and answers whether it wrote;
//   save replaces the stored document (or writes the first one). The document round-trips,
//   nested objects and arrays included, and there is never more than one.
// - Concurrency rule: of N concurrent inserts exactly one writes, and the stored document is
//   that one's.
#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

json::object configuration(std::string_view zone) {
  return json::object{
      {"reportTimezone", zone},
      {"corsConfiguration",
       json::object{{"enabled", true}, {"allowedOrigins", json::array{"https://a.example"}}}},
      {"data", json::object{{"n", 1}}}};
}

class SystemConfigurationStoreContract : public StoreContract {};

TEST_P(SystemConfigurationStoreContract, AFreshStoreHasNone) {
  EXPECT_FALSE(store().find_system_configuration());
}

TEST_P(SystemConfigurationStoreContract, InsertWritesOnlyTheFirstDocument) {
  ASSERT_TRUE(store().insert_system_configuration(configuration("America/Denver")));
  EXPECT_FALSE(store().insert_system_configuration(configuration("Europe/Paris")));
  const auto found = store().find_system_configuration();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, configuration("America/Denver"));
}

TEST_P(SystemConfigurationStoreContract, SaveReplacesTheDocument) {
  ASSERT_TRUE(store().insert_system_configuration(configuration("America/Denver")));
  store().save_system_configuration(configuration("Europe/Paris"));
  const auto found = store().find_system_configuration();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, configuration("Europe/Paris"));
}

TEST_P(SystemConfigurationStoreContract, SaveWritesTheFirstDocumentToo) {
  store().save_system_configuration(configuration("UTC"));
  const auto found = store().find_system_configuration();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, configuration("UTC"));
  EXPECT_FALSE(store().insert_system_configuration(configuration("Europe/Paris")));
}

TEST_P(SystemConfigurationStoreContract, OneOfConcurrentInsertsWrites) {
  const auto wrote = run_together<bool>(kRacers, [&](std::size_t i) {
    return store().insert_system_configuration(configuration("Zone/" + std::to_string(i)));
  });
  std::size_t winner = kRacers;
  for (std::size_t i = 0; i < wrote.size(); ++i) {
    if (wrote[i]) {
      EXPECT_EQ(winner, kRacers) << "a second insert wrote";
      winner = i;
    }
  }
  ASSERT_NE(winner, kRacers);
  const auto found = store().find_system_configuration();
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, configuration("Zone/" + std::to_string(winner)));
}

LATCHKEY_STORE_CONTRACT(SystemConfigurationStoreContract);

}  // namespace
}  // namespace latchkey::store::contract
