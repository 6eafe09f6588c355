// GroupStore contract.
//
// - A group round-trips its tenant, name and document; names are unique within a tenant,
//   ignoring case (kDuplicateName), and may repeat across tenants; it needs an existing tenant
//   (kMissingParent); an update of a vanished group is kMissingParent.
// - A user is in a group once: adding it again answers the stored membership, unchanged.
// - A batch of members is added whole or not at all: one member naming a missing user
//   (kMissingParent) leaves none of the batch behind.
// - Replacing a group's members drops the old ones; deleting a group or a user drops its
//   memberships; groups_of_user answers the user's groups.
#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class GroupStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    StoreContract::SetUp();
    seed_tenant();
    seed_user();
  }
  static inline const Uuid kGroup = id(0x300);
  static inline const Uuid kOtherGroup = id(0x301);

  domain::GroupMember member(int n, const Uuid& group, const Uuid& user, std::int64_t at_ms) {
    return {id(0x400 + n), group, user, from_epoch_ms(at_ms), json::object{{"n", n}}};
  }
};

TEST_P(GroupStoreContract, AGroupRoundTripsEveryField) {
  const json::object data{{"name", "Admins"}, {"roleIds", json::array{id(1).str()}}};
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", data}));
  const auto found = store().find_group(kGroup);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->name, "Admins");
  EXPECT_EQ(found->data, data);
  EXPECT_FALSE(store().find_group(kOtherGroup));
}

TEST_P(GroupStoreContract, NamesAreUniqueWithinATenantIgnoringCase) {
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  const auto second = store().insert_group({kOtherGroup, kTenant, "ADMINS", {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
  ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));
  EXPECT_TRUE(store().insert_group({kOtherGroup, kOtherTenant, "Admins", {}}));
  EXPECT_EQ(store().list_groups(kTenant).size(), 1U);
  EXPECT_EQ(store().list_groups(std::nullopt).size(), 2U);
}

TEST_P(GroupStoreContract, AGroupNeedsItsTenantAndAnUpdateNeedsItsGroup) {
  const auto orphan = store().insert_group({kGroup, kOtherTenant, "Admins", {}});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error(), Conflict::kMissingParent);
  const auto missing = store().update_group({kGroup, kTenant, "Admins", {}});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error(), Conflict::kMissingParent);
}

TEST_P(GroupStoreContract, AUserIsInAGroupOnce) {
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  ASSERT_TRUE(store().add_members({member(1, kGroup, kUser, 1000)}));
  const auto again = store().add_members({member(2, kGroup, kUser, 2000)});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->size(), 1U);
  EXPECT_EQ(again->front().id, id(0x401));
  EXPECT_EQ(store().list_members(kGroup, std::nullopt).size(), 1U);
  EXPECT_FALSE(store().find_member(id(0x402)));
}

TEST_P(GroupStoreContract, ABatchNamingAMissingUserAddsNoMember) {
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  const auto added =
      store().add_members({member(1, kGroup, kUser, 1000), member(2, kGroup, kOtherUser, 1000)});
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error(), Conflict::kMissingParent);
  EXPECT_TRUE(store().list_members(kGroup, std::nullopt).empty());
}

TEST_P(GroupStoreContract, ReplacingMembersDropsTheOldOnes) {
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "b@example.com")));
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  ASSERT_TRUE(store().add_members({member(1, kGroup, kUser, 1000)}));
  ASSERT_TRUE(store().replace_members({kGroup}, {member(2, kGroup, kOtherUser, 2000)}));
  const auto members = store().list_members(kGroup, std::nullopt);
  ASSERT_EQ(members.size(), 1U);
  EXPECT_EQ(members[0].user_id, kOtherUser);
  EXPECT_EQ(members[0].data, (json::object{{"n", 2}}));
  EXPECT_EQ(members[0].insert_instant, from_epoch_ms(2000));
}

TEST_P(GroupStoreContract, MembersListInInsertionOrderAndByUser) {
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "b@example.com")));
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  ASSERT_TRUE(store().insert_group({kOtherGroup, kTenant, "Bakers", {}}));
  ASSERT_TRUE(
      store().add_members({member(1, kGroup, kOtherUser, 3000), member(2, kGroup, kUser, 1000),
                           member(3, kOtherGroup, kUser, 2000)}));
  const auto all = store().list_members(std::nullopt, std::nullopt);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].id, id(0x402));
  EXPECT_EQ(all[2].id, id(0x401));
  EXPECT_EQ(store().list_members(std::nullopt, kUser).size(), 2U);
  const auto groups = store().groups_of_user(kUser);
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].name, "Admins");
  EXPECT_EQ(groups[1].name, "Bakers");
}

TEST_P(GroupStoreContract, DeletingMembersGroupsAndUsersDropsMemberships) {
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "b@example.com")));
  ASSERT_TRUE(store().insert_group({kGroup, kTenant, "Admins", {}}));
  ASSERT_TRUE(store().insert_group({kOtherGroup, kTenant, "Bakers", {}}));
  ASSERT_TRUE(store().add_members({member(1, kGroup, kUser, 1), member(2, kGroup, kOtherUser, 2),
                                   member(3, kOtherGroup, kUser, 3)}));
  EXPECT_EQ(store().delete_members({id(0x401), id(0x499)}), 1U);
  EXPECT_EQ(store().delete_group_members(kGroup, {kOtherUser}), 1U);
  EXPECT_TRUE(store().list_members(kGroup, std::nullopt).empty());
  ASSERT_TRUE(store().delete_group(kOtherGroup));
  EXPECT_FALSE(store().delete_group(kOtherGroup));
  EXPECT_TRUE(store().list_members(std::nullopt, kUser).empty());
  ASSERT_TRUE(store().add_members({member(4, kGroup, kOtherUser, 4)}));
  ASSERT_TRUE(store().delete_user(kOtherUser));
  EXPECT_TRUE(store().list_members(kGroup, std::nullopt).empty());
}

LATCHKEY_STORE_CONTRACT(GroupStoreContract);

}  // namespace
}  // namespace latchkey::store::contract
