// ConfigDocumentStore contract.
//
// - A document round-trips its kind, id, tenant (or none), name, data and instants.
// - Ids are unique per kind (kDuplicateId); the same id under another kind is another document.
// - A kind lists by name ignoring case, then id, and never shows another kind's documents.
// - Updates replace name, tenant, data and last-update instant, keep the insert instant, and
//   never create a document (kMissingParent); deletes answer whether something went.
// - Defaults install once per kind per database: of concurrent installers exactly one wins, a
//   default whose id is taken is skipped, and a second install after a delete does not bring
//   the deleted default back.
#include <algorithm>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class ConfigDocumentStoreContract : public StoreContract {};

ConfigDocument doc(std::string kind, const Uuid& doc_id, std::string name, json::object data = {}) {
  return {std::move(kind), doc_id,   std::nullopt, std::move(name),
          std::move(data), at(1000), at(1000)};
}

TEST_P(ConfigDocumentStoreContract, ADocumentRoundTripsEveryField) {
  auto written = doc("lambda", id(1), "Populate", {{"body", "function populate() {}"}});
  written.tenant_id = kTenant;
  written.last_update_instant = at(2000);
  ASSERT_TRUE(store().insert_document(written));
  const auto found = store().find_document("lambda", id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, "lambda");
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->name, "Populate");
  EXPECT_EQ(found->data, written.data);
  EXPECT_EQ(found->insert_instant, at(1000));
  EXPECT_EQ(found->last_update_instant, at(2000));
}

TEST_P(ConfigDocumentStoreContract, AnUnknownDocumentIsNotFound) {
  EXPECT_FALSE(store().find_document("form", id(1)));
  EXPECT_TRUE(store().list_documents("form").empty());
  EXPECT_FALSE(store().delete_document("form", id(1)));
}

TEST_P(ConfigDocumentStoreContract, IdsAreUniquePerKind) {
  ASSERT_TRUE(store().insert_document(doc("form", id(1), "First")));
  const auto second = store().insert_document(doc("form", id(1), "Second"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_EQ(store().find_document("form", id(1))->name, "First");
  // Another kind is another namespace of ids.
  ASSERT_TRUE(store().insert_document(doc("form-field", id(1), "Field")));
  EXPECT_EQ(store().find_document("form-field", id(1))->name, "Field");
  EXPECT_EQ(store().find_document("form", id(1))->name, "First");
}

TEST_P(ConfigDocumentStoreContract, AKindListsByNameIgnoringCaseAndOnlyItsOwn) {
  ASSERT_TRUE(store().insert_document(doc("lambda", id(1), "charlie")));
  ASSERT_TRUE(store().insert_document(doc("lambda", id(2), "Alpha")));
  ASSERT_TRUE(store().insert_document(doc("lambda", id(3), "bravo")));
  ASSERT_TRUE(store().insert_document(doc("form", id(4), "Aardvark")));
  const auto listed = store().list_documents("lambda");
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(listed[0].name, "Alpha");
  EXPECT_EQ(listed[1].name, "bravo");
  EXPECT_EQ(listed[2].name, "charlie");
}

TEST_P(ConfigDocumentStoreContract, AnUpdateReplacesTheDocumentAndKeepsItsInsertInstant) {
  ASSERT_TRUE(store().insert_document(doc("form", id(1), "Old", {{"v", 1}})));
  auto next = doc("form", id(1), "New", {{"v", 2}});
  next.insert_instant = at(5);  // ignored: the stored insert instant stays
  next.last_update_instant = at(3000);
  next.tenant_id = kTenant;
  ASSERT_TRUE(store().update_document(next));
  const auto found = store().find_document("form", id(1));
  EXPECT_EQ(found->name, "New");
  EXPECT_EQ(found->data, (json::object{{"v", 2}}));
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->insert_instant, at(1000));
  EXPECT_EQ(found->last_update_instant, at(3000));
}

TEST_P(ConfigDocumentStoreContract, AnUpdateNeverCreatesADocument) {
  const auto written = store().update_document(doc("form", id(1), "Ghost"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_document("form", id(1)));
}

TEST_P(ConfigDocumentStoreContract, ADeleteRemovesOnlyThatKindsDocument) {
  ASSERT_TRUE(store().insert_document(doc("form", id(1), "Form")));
  ASSERT_TRUE(store().insert_document(doc("lambda", id(1), "Lambda")));
  EXPECT_TRUE(store().delete_document("form", id(1)));
  EXPECT_FALSE(store().find_document("form", id(1)));
  EXPECT_TRUE(store().find_document("lambda", id(1)));
}

TEST_P(ConfigDocumentStoreContract, DefaultsInstallOnceAndSkipTakenIds) {
  ASSERT_TRUE(store().insert_document(doc("lambda", id(1), "Mine")));
  const std::vector<ConfigDocument> defaults{doc("lambda", id(1), "Default One"),
                                             doc("lambda", id(2), "Default Two")};
  EXPECT_TRUE(store().install_defaults("lambda", defaults));
  EXPECT_EQ(store().find_document("lambda", id(1))->name, "Mine");
  EXPECT_EQ(store().find_document("lambda", id(2))->name, "Default Two");
  ASSERT_TRUE(store().delete_document("lambda", id(2)));
  EXPECT_FALSE(store().install_defaults("lambda", defaults));
  EXPECT_FALSE(store().find_document("lambda", id(2)));
  // Another kind has its own claim.
  EXPECT_TRUE(store().install_defaults("form", {doc("form", id(3), "Default Form")}));
}

TEST_P(ConfigDocumentStoreContract, OfConcurrentDefaultInstallsExactlyOneWins) {
  const std::vector<ConfigDocument> defaults{doc("email-template", id(1), "Default")};
  const auto won = run_together<bool>(
      kRacers, [&](std::size_t) { return store().install_defaults("email-template", defaults); });
  EXPECT_EQ(std::ranges::count(won, true), 1);
  EXPECT_EQ(store().list_documents("email-template").size(), 1U);
}

}  // namespace

LATCHKEY_STORE_CONTRACT(ConfigDocumentStoreContract);

}  // namespace latchkey::store::contract
