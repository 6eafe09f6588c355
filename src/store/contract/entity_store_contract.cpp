// EntityStore contract.
//
// - An entity type round-trips its id, name and document; names are unique ignoring case
//   (kDuplicateName), ids unique (kDuplicateId); types list by name.
// - An entity round-trips every typed field; it needs an existing tenant and type
//   (kMissingParent); its client id is unique across tenants (kDuplicateKey), also on update;
//   it is found by its client id.
// - Deleting a type deletes its entities; deleting an entity deletes the grants on it and the
//   grants it holds; deleting a user deletes its grants.
// - A grant is unique per (entity, recipient entity) and per (entity, user) (kDuplicateId):
//   of concurrent inserts of one grant exactly one wins.
// - Updates never create a record.
#include <algorithm>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class EntityStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    seed_tenant();
  }

  void seed_type() { ASSERT_TRUE(store().insert_entity_type({kType, "API", {{"name", "API"}}})); }

  domain::Entity entity(const Uuid& entity_id, std::string client_id) {
    return {entity_id,
            kTenant,
            kType,
            std::move(client_id),
            "hash-" + entity_id.str(),
            "Entity " + entity_id.str(),
            json::object{{"name", "Entity"}}};
  }

  static inline const Uuid kType = id(0xE1);
  static inline const Uuid kOtherType = id(0xE2);
  static inline const Uuid kTarget = id(0xF1);
  static inline const Uuid kRecipient = id(0xF2);
};

TEST_P(EntityStoreContract, AnEntityTypeRoundTrips) {
  const json::object data{{"name", "API"}, {"permissions", json::array{{{"name", "read"}}}}};
  ASSERT_TRUE(store().insert_entity_type({kType, "API", data}));
  const auto found = store().find_entity_type(kType);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "API");
  EXPECT_EQ(found->data, data);
  EXPECT_FALSE(store().find_entity_type(kOtherType));
}

TEST_P(EntityStoreContract, EntityTypeNamesAreUniqueIgnoringCase) {
  seed_type();
  const auto second = store().insert_entity_type({kOtherType, "api", {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
  const auto same_id = store().insert_entity_type({kType, "Other", {}});
  ASSERT_FALSE(same_id);
  EXPECT_EQ(same_id.error(), Conflict::kDuplicateId);
}

TEST_P(EntityStoreContract, EntityTypesListByNameAndUpdatesNeverCreate) {
  ASSERT_TRUE(store().insert_entity_type({id(1), "charlie", {}}));
  ASSERT_TRUE(store().insert_entity_type({id(2), "Alpha", {}}));
  const auto types = store().list_entity_types();
  ASSERT_EQ(types.size(), 2U);
  EXPECT_EQ(types[0].name, "Alpha");
  const auto ghost = store().update_entity_type({id(3), "Ghost", {}});
  ASSERT_FALSE(ghost);
  EXPECT_EQ(ghost.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_entity_type(id(3)));
}

TEST_P(EntityStoreContract, AnEntityRoundTripsAndIsFoundByClientId) {
  seed_type();
  const auto made = entity(kTarget, "client-one");
  ASSERT_TRUE(store().insert_entity(made));
  const auto found = store().find_entity_by_client_id("client-one");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kTarget);
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->type_id, kType);
  EXPECT_EQ(found->secret_hash, made.secret_hash);
  EXPECT_EQ(found->name, made.name);
  EXPECT_EQ(found->data, made.data);
  EXPECT_FALSE(store().find_entity_by_client_id("client-two"));
}

TEST_P(EntityStoreContract, AnEntityNeedsItsTenantAndType) {
  seed_type();
  auto orphan = entity(kTarget, "c");
  orphan.type_id = kOtherType;
  const auto no_type = store().insert_entity(orphan);
  ASSERT_FALSE(no_type);
  EXPECT_EQ(no_type.error(), Conflict::kMissingParent);
  orphan = entity(kTarget, "c");
  orphan.tenant_id = kOtherTenant;
  const auto no_tenant = store().insert_entity(orphan);
  ASSERT_FALSE(no_tenant);
  EXPECT_EQ(no_tenant.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_entity(kTarget));
}

TEST_P(EntityStoreContract, ClientIdsAreUniqueOnInsertAndUpdate) {
  seed_type();
  ASSERT_TRUE(store().insert_entity(entity(kTarget, "taken")));
  const auto second = store().insert_entity(entity(kRecipient, "taken"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateKey);
  ASSERT_TRUE(store().insert_entity(entity(kRecipient, "free")));
  auto renamed = entity(kRecipient, "taken");
  const auto update = store().update_entity(renamed);
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error(), Conflict::kDuplicateKey);
  EXPECT_EQ(store().find_entity(kRecipient)->client_id, "free");
}

TEST_P(EntityStoreContract, EntitiesListByTenant) {
  seed_type();
  ASSERT_TRUE(store().insert_entity(entity(kTarget, "a")));
  EXPECT_EQ(store().list_entities(kTenant).size(), 1U);
  EXPECT_TRUE(store().list_entities(kOtherTenant).empty());
  EXPECT_EQ(store().list_entities(std::nullopt).size(), 1U);
}

TEST_P(EntityStoreContract, GrantsAreUniquePerRecipientAndCascade) {
  seed_type();
  seed_user();
  ASSERT_TRUE(store().insert_entity(entity(kTarget, "t")));
  ASSERT_TRUE(store().insert_entity(entity(kRecipient, "r")));
  const domain::EntityGrant to_entity{id(0x201), kTarget, kRecipient, std::nullopt,
                                      json::object{{"permissions", json::array{"read"}}}};
  const domain::EntityGrant to_user{id(0x202), kTarget, std::nullopt, kUser, json::object{}};
  ASSERT_TRUE(store().insert_entity_grant(to_entity));
  ASSERT_TRUE(store().insert_entity_grant(to_user));
  auto again = to_entity;
  again.id = id(0x203);
  const auto duplicate = store().insert_entity_grant(again);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error(), Conflict::kDuplicateId);

  const auto found = store().find_entity_grant(kTarget, kRecipient, std::nullopt);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, to_entity.id);
  EXPECT_EQ(found->data, to_entity.data);
  EXPECT_TRUE(store().find_entity_grant(kTarget, std::nullopt, kUser));
  EXPECT_FALSE(store().find_entity_grant(kRecipient, kTarget, std::nullopt));
  EXPECT_EQ(store().list_entity_grants(kTarget).size(), 2U);

  ASSERT_TRUE(store().delete_user(kUser));
  EXPECT_FALSE(store().find_entity_grant(kTarget, std::nullopt, kUser));
  ASSERT_TRUE(store().delete_entity(kRecipient));
  EXPECT_TRUE(store().list_entity_grants(std::nullopt).empty());
}

TEST_P(EntityStoreContract, DeletingATypeDeletesItsEntities) {
  seed_type();
  ASSERT_TRUE(store().insert_entity(entity(kTarget, "t")));
  ASSERT_TRUE(store().delete_entity_type(kType));
  EXPECT_FALSE(store().find_entity(kTarget));
  EXPECT_FALSE(store().delete_entity_type(kType));
}

TEST_P(EntityStoreContract, OfConcurrentInsertsOfOneGrantExactlyOneWins) {
  seed_type();
  ASSERT_TRUE(store().insert_entity(entity(kTarget, "t")));
  ASSERT_TRUE(store().insert_entity(entity(kRecipient, "r")));
  const auto results = run_together<bool>(kRacers, [&](std::size_t i) {
    return store()
        .insert_entity_grant(
            {id(0x300 + static_cast<int>(i)), kTarget, kRecipient, std::nullopt, json::object{}})
        .has_value();
  });
  EXPECT_EQ(std::count(results.begin(), results.end(), true), 1);
  EXPECT_EQ(store().list_entity_grants(kTarget).size(), 1U);
}

}  // namespace

LATCHKEY_STORE_CONTRACT(EntityStoreContract);

}  // namespace latchkey::store::contract
