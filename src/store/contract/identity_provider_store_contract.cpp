// IdentityProviderStore contract: providers, links, and the one write of a reconcile.
//
// - A provider round-trips type, optional tenant and document; its name is the document's
//   `name`. Names are unique ignoring case (kDuplicateName), ids unique (kDuplicateId); a
//   tenant-scoped provider needs its tenant (kMissingParent). Providers list by name, ignoring
//   case. An update changes name and document; type and tenant are fixed at creation (an update
//   that changes them writes nothing). Deleting a provider removes its links.
// - A link is found by (provider, tenant, external user id) and round-trips user and document.
// - write_federated_login writes user, optional registration and link together, or, on any
//   conflict, nothing: kDuplicateEmail, kDuplicateLink, or kMissingParent when the user to
//   update is gone.
// - Concurrency rule: of N concurrent first logins of one external identity (each creating its
//   own user) exactly one links; the others answer kDuplicateLink and leave no user behind.
#include <algorithm>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

const Uuid kProvider = id(0xBB);
const Uuid kOtherProvider = id(0xBC);

domain::IdentityProvider provider(const Uuid& provider_id, const std::string& name,
                                  std::optional<Uuid> tenant = std::nullopt) {
  return {provider_id, "ExternalJWT", name, tenant,
          json::object{{"name", name}, {"type", "ExternalJWT"}}};
}

class IdentityProviderStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));
    ASSERT_NO_FATAL_FAILURE(seed_application());
  }

  // A first login: a new user, a new registration and a new link.
  static FederatedLoginWrite first_login(const Uuid& user_id, const std::string& email,
                                         const std::string& external_id,
                                         const Uuid& registration_id) {
    domain::User user = make_user(user_id, kTenant, email);
    user.data = json::object{{"email", email}};
    return {user,
            true,
            domain::Registration{registration_id, user_id, kApp, {{"roles", json::array{}}}},
            true,
            domain::IdentityProviderLink{
                kProvider, external_id, user_id, kTenant, {{"displayName", email}}},
            true};
  }
};

TEST_P(IdentityProviderStoreContract, AProviderRoundTripsEveryField) {
  const json::object data{
      {"name", "Corp"}, {"type", "ExternalJWT"}, {"uniqueIdentityClaim", "sub"}};
  ASSERT_TRUE(store().insert_identity_provider({kProvider, "ExternalJWT", "Corp", kTenant, data}));
  const auto found = store().find_identity_provider(kProvider);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kProvider);
  EXPECT_EQ(found->type, "ExternalJWT");
  EXPECT_EQ(found->name, "Corp");
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->data, data);
}

TEST_P(IdentityProviderStoreContract, AGlobalProviderHasNoTenant) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  EXPECT_FALSE(store().find_identity_provider(kProvider)->tenant_id);
}

TEST_P(IdentityProviderStoreContract, AnUnknownProviderIsNotFound) {
  EXPECT_FALSE(store().find_identity_provider(kProvider));
  EXPECT_TRUE(store().list_identity_providers().empty());
  EXPECT_FALSE(store().delete_identity_provider(kProvider));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext"));
}

TEST_P(IdentityProviderStoreContract, ProviderNamesAreUniqueIgnoringCase) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  const auto second = store().insert_identity_provider(provider(kOtherProvider, "CORP", kTenant));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateName);
}

TEST_P(IdentityProviderStoreContract, ASecondProviderWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  const auto second = store().insert_identity_provider(provider(kProvider, "Other"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
}

TEST_P(IdentityProviderStoreContract, ATenantScopedProviderNeedsItsTenantAndGoesWithIt) {
  const auto orphan = store().insert_identity_provider(provider(kProvider, "Corp", id(0xDEAD)));
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error(), Conflict::kMissingParent);
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp", kOtherTenant)));
  ASSERT_TRUE(store().delete_tenant(kOtherTenant));
  EXPECT_FALSE(store().find_identity_provider(kProvider));
}

TEST_P(IdentityProviderStoreContract, ProvidersListByNameIgnoringCase) {
  ASSERT_TRUE(store().insert_identity_provider(provider(id(1), "charlie")));
  ASSERT_TRUE(store().insert_identity_provider(provider(id(2), "Alpha")));
  ASSERT_TRUE(store().insert_identity_provider(provider(id(3), "bravo")));
  const auto providers = store().list_identity_providers();
  ASSERT_EQ(providers.size(), 3U);
  EXPECT_EQ(providers[0].name, "Alpha");
  EXPECT_EQ(providers[1].name, "bravo");
  EXPECT_EQ(providers[2].name, "charlie");
}

TEST_P(IdentityProviderStoreContract, AnUpdateChangesNameAndDocument) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  auto changed = provider(kProvider, "Corp Two");
  changed.data["enabled"] = true;
  ASSERT_TRUE(store().update_identity_provider(changed));
  const auto found = store().find_identity_provider(kProvider);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Corp Two");
  EXPECT_EQ(found->data, changed.data);
}

TEST_P(IdentityProviderStoreContract, AnUpdateThatChangesTypeOrTenantWritesNothing) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  auto retyped = provider(kProvider, "Retyped");
  retyped.type = "OpenIDConnect";
  (void)store().update_identity_provider(retyped);
  (void)store().update_identity_provider(provider(kProvider, "Moved", kTenant));
  const auto found = store().find_identity_provider(kProvider);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Corp");
  EXPECT_EQ(found->type, "ExternalJWT");
  EXPECT_FALSE(found->tenant_id);
}

TEST_P(IdentityProviderStoreContract, RenamingOntoATakenNameIsRefused) {
  ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  ASSERT_TRUE(store().insert_identity_provider(provider(kOtherProvider, "Other")));
  const auto written = store().update_identity_provider(provider(kOtherProvider, "corp"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateName);
  EXPECT_EQ(store().find_identity_provider(kOtherProvider)->name, "Other");
}

class FederatedLoginContract : public IdentityProviderStoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(IdentityProviderStoreContract::SetUp());
    ASSERT_TRUE(store().insert_identity_provider(provider(kProvider, "Corp")));
  }
};

TEST_P(FederatedLoginContract, AFirstLoginWritesUserRegistrationAndLink) {
  const auto write = first_login(kUser, "a@example.com", "ext-1", id(0x200));
  ASSERT_TRUE(store().write_federated_login(write));
  const auto user = store().find_user(kUser);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->email, "a@example.com");
  EXPECT_EQ(user->data, write.user.data);
  const auto registration = store().find_registration(kUser, kApp);
  ASSERT_TRUE(registration);
  EXPECT_EQ(registration->id, id(0x200));
  EXPECT_EQ(registration->data, write.registration->data);
  const auto link = store().find_identity_provider_link(kProvider, kTenant, "ext-1");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->identity_provider_id, kProvider);
  EXPECT_EQ(link->identity_provider_user_id, "ext-1");
  EXPECT_EQ(link->user_id, kUser);
  EXPECT_EQ(link->tenant_id, kTenant);
  EXPECT_EQ(link->data, write.link.data);
}

TEST_P(FederatedLoginContract, ALinkBelongsToOneTenant) {
  ASSERT_TRUE(
      store().write_federated_login(first_login(kUser, "a@example.com", "ext-1", id(0x200))));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kOtherTenant, "ext-1"));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext-2"));
}

TEST_P(FederatedLoginContract, ALoginWithoutRegistrationWritesUserAndLink) {
  auto write = first_login(kUser, "a@example.com", "ext-1", id(0x200));
  write.registration.reset();
  write.new_registration = false;
  ASSERT_TRUE(store().write_federated_login(write));
  EXPECT_TRUE(store().find_user(kUser));
  EXPECT_TRUE(store().list_registrations(kUser).empty());
  EXPECT_TRUE(store().find_identity_provider_link(kProvider, kTenant, "ext-1"));
}

TEST_P(FederatedLoginContract, ALaterLoginUpdatesUserRegistrationAndLink) {
  ASSERT_TRUE(
      store().write_federated_login(first_login(kUser, "a@example.com", "ext-1", id(0x200))));
  auto write = first_login(kUser, "b@example.com", "ext-1", id(0x200));
  write.new_user = false;
  write.new_registration = false;
  write.new_link = false;
  write.registration->data = json::object{{"roles", json::array{"admin"}}};
  write.link.data = json::object{{"displayName", "B"}};
  ASSERT_TRUE(store().write_federated_login(write));
  EXPECT_EQ(store().find_user(kUser)->email, "b@example.com");
  EXPECT_EQ(store().find_registration(kUser, kApp)->data, write.registration->data);
  EXPECT_EQ(store().find_identity_provider_link(kProvider, kTenant, "ext-1")->data,
            write.link.data);
}

TEST_P(FederatedLoginContract, UpdatingAUserThatIsGoneWritesNothing) {
  auto write = first_login(kUser, "a@example.com", "ext-1", id(0x200));
  write.new_user = false;
  const auto written = store().write_federated_login(write);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext-1"));
}

TEST_P(FederatedLoginContract, ATakenEmailWritesNothing) {
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "a@example.com")));
  const auto written =
      store().write_federated_login(first_login(kUser, "a@example.com", "ext-1", id(0x200)));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateEmail);
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext-1"));
}

TEST_P(FederatedLoginContract, ATakenLinkWritesNothing) {
  ASSERT_TRUE(
      store().write_federated_login(first_login(kUser, "a@example.com", "ext-1", id(0x200))));
  const auto written =
      store().write_federated_login(first_login(kOtherUser, "b@example.com", "ext-1", id(0x201)));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateLink);
  EXPECT_FALSE(store().find_user(kOtherUser));
  EXPECT_TRUE(store().list_registrations(kOtherUser).empty());
  EXPECT_EQ(store().find_identity_provider_link(kProvider, kTenant, "ext-1")->user_id, kUser);
}

TEST_P(FederatedLoginContract, DeletingTheUserOrTheProviderRemovesTheLink) {
  ASSERT_TRUE(
      store().write_federated_login(first_login(kUser, "a@example.com", "ext-1", id(0x200))));
  ASSERT_TRUE(
      store().write_federated_login(first_login(kOtherUser, "b@example.com", "ext-2", id(0x201))));
  ASSERT_TRUE(store().delete_user(kUser));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext-1"));
  ASSERT_TRUE(store().delete_identity_provider(kProvider));
  EXPECT_FALSE(store().find_identity_provider_link(kProvider, kTenant, "ext-2"));
  EXPECT_TRUE(store().find_user(kOtherUser));
}

TEST_P(FederatedLoginContract, ConcurrentFirstLoginsOfOneIdentityLinkOnce) {
  const auto answers = run_together<WriteResult>(kRacers, [&](std::size_t i) {
    const int n = static_cast<int>(i);
    return store().write_federated_login(first_login(
        id(0x1000 + n), "u" + std::to_string(n) + "@example.com", "ext-1", id(0x2000 + n)));
  });
  const auto winners =
      std::count_if(answers.begin(), answers.end(), [](const auto& a) { return a.has_value(); });
  EXPECT_EQ(winners, 1);
  for (const auto& answer : answers) {
    if (!answer) {
      EXPECT_EQ(answer.error(), Conflict::kDuplicateLink);
    }
  }
  EXPECT_EQ(store().count_users(), 1U);
  const auto link = store().find_identity_provider_link(kProvider, kTenant, "ext-1");
  ASSERT_TRUE(link);
  EXPECT_TRUE(store().find_user(link->user_id));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(IdentityProviderStoreContract);
LATCHKEY_STORE_CONTRACT(FederatedLoginContract);

}  // namespace latchkey::store::contract
