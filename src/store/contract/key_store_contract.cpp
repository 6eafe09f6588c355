// ApiKeyStore, KeyStore and WebhookStore contract: configuration records read at start-up and
// cached, so what matters is that every field round-trips and uniqueness is enforced.
//
// - An API key round-trips its value, optional tenant, key-manager flag and document. Values
//   are unique (kDuplicateKey); a tenant-scoped key needs its tenant (kMissingParent) and goes
//   with it. Keys list in the order they were made. An update changes the value and document;
//   the tenant and the key-manager flag are fixed at creation.
// - A signing key round-trips kid, role, document, secret and owning tenant; its name is the
//   document's `name`. Kids are unique (kDuplicateKid), names unique ignoring case
//   (kDuplicateName). Keys list in the order they were made. An update changes the name and the
//   document only: kid, role, secret and tenant are fixed (Security: no update rewrites a
//   private key).
// - A webhook round-trips its document; webhooks list by id; updating an absent one answers
//   kMissingParent.
#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class ApiKeyStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
  }
};

TEST_P(ApiKeyStoreContract, AnApiKeyRoundTripsEveryField) {
  const json::object data{{"key", "secret-value"}, {"metaData", {{"attributes", {}}}}};
  ASSERT_TRUE(store().insert_api_key({id(1), "secret-value", kTenant, true, data}));
  const auto found = store().find_api_key(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->key, "secret-value");
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_TRUE(found->key_manager);
  EXPECT_EQ(found->data, data);
}

TEST_P(ApiKeyStoreContract, AGlobalApiKeyHasNoTenant) {
  ASSERT_TRUE(store().insert_api_key({id(1), "global", std::nullopt, false, {}}));
  const auto found = store().find_api_key(id(1));
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->tenant_id);
  EXPECT_FALSE(found->key_manager);
}

TEST_P(ApiKeyStoreContract, AnUnknownApiKeyIsNotFound) {
  EXPECT_FALSE(store().find_api_key(id(1)));
  EXPECT_TRUE(store().list_api_keys().empty());
  EXPECT_FALSE(store().delete_api_key(id(1)));
}

TEST_P(ApiKeyStoreContract, KeyValuesAreUnique) {
  ASSERT_TRUE(store().insert_api_key({id(1), "same", std::nullopt, false, {}}));
  const auto second = store().insert_api_key({id(2), "same", kTenant, false, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateKey);
  EXPECT_FALSE(store().find_api_key(id(2)));
}

TEST_P(ApiKeyStoreContract, ASecondApiKeyWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_api_key({id(1), "one", std::nullopt, false, {}}));
  const auto second = store().insert_api_key({id(1), "two", std::nullopt, false, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
}

TEST_P(ApiKeyStoreContract, ATenantScopedKeyNeedsItsTenantAndGoesWithIt) {
  const auto orphan = store().insert_api_key({id(1), "orphan", id(0xDEAD), false, {}});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error(), Conflict::kMissingParent);
  ASSERT_TRUE(store().insert_api_key({id(2), "scoped", kTenant, false, {}}));
  ASSERT_TRUE(store().insert_api_key({id(3), "global", std::nullopt, false, {}}));
  ASSERT_TRUE(store().delete_tenant(kTenant));
  EXPECT_FALSE(store().find_api_key(id(2)));
  EXPECT_TRUE(store().find_api_key(id(3)));
}

TEST_P(ApiKeyStoreContract, ApiKeysListInTheOrderTheyWereMade) {
  ASSERT_TRUE(store().insert_api_key({id(3), "c", std::nullopt, false, {}}));
  ASSERT_TRUE(store().insert_api_key({id(1), "a", std::nullopt, false, {}}));
  ASSERT_TRUE(store().insert_api_key({id(2), "b", std::nullopt, false, {}}));
  const auto keys = store().list_api_keys();
  ASSERT_EQ(keys.size(), 3U);
  EXPECT_EQ(keys[0].id, id(3));
  EXPECT_EQ(keys[1].id, id(1));
  EXPECT_EQ(keys[2].id, id(2));
}

TEST_P(ApiKeyStoreContract, AnUpdateChangesTheValueAndDocumentButNotTheScope) {
  ASSERT_TRUE(store().insert_api_key({id(1), "old", kTenant, false, {{"a", 1}}}));
  ASSERT_TRUE(store().update_api_key({id(1), "new", std::nullopt, true, {{"b", 2}}}));
  const auto found = store().find_api_key(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->key, "new");
  EXPECT_EQ(found->data, (json::object{{"b", 2}}));
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_FALSE(found->key_manager);
}

TEST_P(ApiKeyStoreContract, AnUpdateOntoATakenValueIsRefused) {
  ASSERT_TRUE(store().insert_api_key({id(1), "one", std::nullopt, false, {}}));
  ASSERT_TRUE(store().insert_api_key({id(2), "two", std::nullopt, false, {}}));
  const auto written = store().update_api_key({id(2), "one", std::nullopt, false, {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateKey);
  EXPECT_EQ(store().find_api_key(id(2))->key, "two");
}

TEST_P(ApiKeyStoreContract, DeletingAnApiKeyLeavesTheOthers) {
  ASSERT_TRUE(store().insert_api_key({id(1), "one", std::nullopt, false, {}}));
  ASSERT_TRUE(store().insert_api_key({id(2), "two", std::nullopt, false, {}}));
  EXPECT_TRUE(store().delete_api_key(id(1)));
  EXPECT_FALSE(store().find_api_key(id(1)));
  EXPECT_TRUE(store().find_api_key(id(2)));
  EXPECT_FALSE(store().delete_api_key(id(1)));
}

class KeyStoreContract : public StoreContract {
 protected:
  static domain::SigningKey key(int n, const std::string& name, const std::string& kid) {
    return {id(n), name, kid, "", json::object{{"name", name}, {"kid", kid}}, std::nullopt};
  }
};

TEST_P(KeyStoreContract, ASigningKeyRoundTripsEveryField) {
  ASSERT_NO_FATAL_FAILURE(seed_tenant());
  const json::object data{{"name", "Signing"}, {"algorithm", "RS256"}, {"kid", "kid-1"}};
  ASSERT_TRUE(store().insert_key(
      {id(1), "Signing", "kid-1", "default-signing", data, std::string("PEM"), kTenant}));
  const auto keys = store().list_keys();
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_EQ(keys[0].id, id(1));
  EXPECT_EQ(keys[0].name, "Signing");
  EXPECT_EQ(keys[0].kid, "kid-1");
  EXPECT_EQ(keys[0].role, "default-signing");
  EXPECT_EQ(keys[0].data, data);
  EXPECT_EQ(keys[0].secret, "PEM");
  EXPECT_EQ(keys[0].tenant_id, kTenant);
}

TEST_P(KeyStoreContract, AKeyWithoutRoleSecretOrTenantReadsBackWithout) {
  ASSERT_TRUE(store().insert_key(key(1, "Public", "kid-1")));
  const auto keys = store().list_keys();
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_EQ(keys[0].role, "");
  EXPECT_FALSE(keys[0].secret);
  EXPECT_FALSE(keys[0].tenant_id);
}

TEST_P(KeyStoreContract, NoKeysListEmpty) {
  EXPECT_TRUE(store().list_keys().empty());
  EXPECT_FALSE(store().delete_key(id(1)));
}

TEST_P(KeyStoreContract, KidsAreUnique) {
  ASSERT_TRUE(store().insert_key(key(1, "One", "kid")));
  const auto second = store().insert_key(key(2, "Two", "kid"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateKid);
  EXPECT_EQ(store().list_keys().size(), 1U);
}

TEST_P(KeyStoreContract, KeyNamesAreUniqueIgnoringCase) {
  ASSERT_TRUE(store().insert_key(key(1, "Signing", "kid-1")));
  const auto second = store().insert_key(key(2, "SIGNING", "kid-2"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
}

TEST_P(KeyStoreContract, ASecondKeyWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_key(key(1, "One", "kid-1")));
  const auto second = store().insert_key(key(1, "Two", "kid-2"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
}

TEST_P(KeyStoreContract, KeysListInTheOrderTheyWereMade) {
  ASSERT_TRUE(store().insert_key(key(3, "C", "kid-c")));
  ASSERT_TRUE(store().insert_key(key(1, "A", "kid-a")));
  ASSERT_TRUE(store().insert_key(key(2, "B", "kid-b")));
  const auto keys = store().list_keys();
  ASSERT_EQ(keys.size(), 3U);
  EXPECT_EQ(keys[0].kid, "kid-c");
  EXPECT_EQ(keys[1].kid, "kid-a");
  EXPECT_EQ(keys[2].kid, "kid-b");
}

TEST_P(KeyStoreContract, AnUpdateChangesNameAndDocumentButNeverTheKeyMaterial) {
  ASSERT_TRUE(store().insert_key({id(1), "Old", "kid-1", "default-signing",
                                  json::object{{"name", "Old"}}, std::string("PEM"), kTenant}));
  const json::object data{{"name", "New"}, {"extra", true}};
  ASSERT_TRUE(
      store().update_key({id(1), "New", "kid-other", "shadow", data, std::string("EVIL"), {}}));
  const auto keys = store().list_keys();
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_EQ(keys[0].name, "New");
  EXPECT_EQ(keys[0].data, data);
  EXPECT_EQ(keys[0].kid, "kid-1");
  EXPECT_EQ(keys[0].role, "default-signing");
  EXPECT_EQ(keys[0].secret, "PEM");
  EXPECT_EQ(keys[0].tenant_id, kTenant);
}

TEST_P(KeyStoreContract, RenamingOntoATakenNameIsRefused) {
  ASSERT_TRUE(store().insert_key(key(1, "One", "kid-1")));
  ASSERT_TRUE(store().insert_key(key(2, "Two", "kid-2")));
  auto renamed = key(2, "one", "kid-2");
  const auto written = store().update_key(renamed);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateName);
}

TEST_P(KeyStoreContract, DeletingAKeyLeavesTheOthers) {
  ASSERT_TRUE(store().insert_key(key(1, "One", "kid-1")));
  ASSERT_TRUE(store().insert_key(key(2, "Two", "kid-2")));
  EXPECT_TRUE(store().delete_key(id(1)));
  const auto keys = store().list_keys();
  ASSERT_EQ(keys.size(), 1U);
  EXPECT_EQ(keys[0].id, id(2));
  EXPECT_FALSE(store().delete_key(id(1)));
}

class WebhookStoreContract : public StoreContract {};

TEST_P(WebhookStoreContract, AWebhookRoundTripsItsDocument) {
  const json::object data{{"url", "https://example.com/hook"},
                          {"eventsEnabled", {{"jwt.refresh", true}}}};
  ASSERT_TRUE(store().insert_webhook({id(1), data}));
  const auto found = store().find_webhook(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->data, data);
}

TEST_P(WebhookStoreContract, AnUnknownWebhookIsNotFound) {
  EXPECT_FALSE(store().find_webhook(id(1)));
  EXPECT_TRUE(store().list_webhooks().empty());
  EXPECT_FALSE(store().delete_webhook(id(1)));
}

TEST_P(WebhookStoreContract, ASecondWebhookWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_webhook({id(1), {{"url", "a"}}}));
  const auto second = store().insert_webhook({id(1), {{"url", "b"}}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_EQ(store().find_webhook(id(1))->data, (json::object{{"url", "a"}}));
}

TEST_P(WebhookStoreContract, WebhooksListById) {
  ASSERT_TRUE(store().insert_webhook({id(3), {}}));
  ASSERT_TRUE(store().insert_webhook({id(1), {}}));
  ASSERT_TRUE(store().insert_webhook({id(2), {}}));
  const auto webhooks = store().list_webhooks();
  ASSERT_EQ(webhooks.size(), 3U);
  EXPECT_EQ(webhooks[0].id, id(1));
  EXPECT_EQ(webhooks[1].id, id(2));
  EXPECT_EQ(webhooks[2].id, id(3));
}

TEST_P(WebhookStoreContract, AnUpdateReplacesTheDocument) {
  ASSERT_TRUE(store().insert_webhook({id(1), {{"url", "a"}}}));
  ASSERT_TRUE(store().update_webhook({id(1), {{"url", "b"}}}));
  EXPECT_EQ(store().find_webhook(id(1))->data, (json::object{{"url", "b"}}));
}

TEST_P(WebhookStoreContract, UpdatingAnAbsentWebhookIsMissingParent) {
  const auto written = store().update_webhook({id(1), {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_webhook(id(1)));
}

TEST_P(WebhookStoreContract, DeletingAWebhookLeavesTheOthers) {
  ASSERT_TRUE(store().insert_webhook({id(1), {}}));
  ASSERT_TRUE(store().insert_webhook({id(2), {}}));
  EXPECT_TRUE(store().delete_webhook(id(1)));
  EXPECT_FALSE(store().find_webhook(id(1)));
  EXPECT_TRUE(store().find_webhook(id(2)));
  EXPECT_FALSE(store().delete_webhook(id(1)));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(ApiKeyStoreContract);
LATCHKEY_STORE_CONTRACT(KeyStoreContract);
LATCHKEY_STORE_CONTRACT(WebhookStoreContract);

}  // namespace latchkey::store::contract
