// UserStore contract: users, their failed-login bookkeeping, TOTP step claims and login stamps.
//
// - A user round-trips every typed field, its document and its password credential.
//   Emails are stored lower-case by the caller and looked up ignoring case; they are unique per
//   tenant (kDuplicateEmail). Usernames keep their case, are unique per tenant ignoring case
//   (kDuplicateUsername) and are looked up ignoring case. Users without either never collide.
//   A user needs its tenant (kMissingParent); ids are unique (kDuplicateId).
// - insert_user_with_registration writes both or neither.
// - Deleting a user removes its registrations, refresh tokens, two-factor challenges and
//   pending password changes.
// - record_login_failure is one conditional write. Concurrency rule: of N concurrent failures
//   every one is counted, each answer sees a distinct count, and with a threshold T exactly
//   N / T of them reach it (and set the lock).
// - claim_totp_step answers true at most once per step, and never for an earlier step.
//   Concurrency rule: of N concurrent claims of one step exactly one answers true.
// - Concurrency rule: of N concurrent inserts of users with one email, exactly one succeeds.
#include <algorithm>
#include <chrono>
#include <numeric>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

using std::chrono::milliseconds;

class UserStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_TRUE(store().insert_tenant({kOtherTenant, "Other", {}}));
    ASSERT_NO_FATAL_FAILURE(seed_application());
  }
};

TEST_P(UserStoreContract, AUserRoundTripsEveryField) {
  domain::User user = make_user(kUser, kTenant, "ada@example.com", "Ada");
  user.active = false;
  user.data = json::object{{"firstName", "Ada"}, {"data", {{"team", "x"}}}};
  user.password = domain::PasswordCredential{"salted-pbkdf2-hmac-sha256", "hash", "salt", 24000};
  ASSERT_TRUE(store().insert_user(user));

  const auto found = store().find_user(kUser);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kUser);
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->email, "ada@example.com");
  EXPECT_EQ(found->username, "Ada");
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->data, user.data);
  ASSERT_TRUE(found->password);
  EXPECT_EQ(found->password->scheme, "salted-pbkdf2-hmac-sha256");
  EXPECT_EQ(found->password->hash, "hash");
  EXPECT_EQ(found->password->salt, "salt");
  EXPECT_EQ(found->password->factor, 24000);
  EXPECT_EQ(found->failures.count, 0);
  EXPECT_FALSE(found->failures.window_start);
  EXPECT_FALSE(found->failures.locked_until);
}

TEST_P(UserStoreContract, AUserWithoutPasswordOrLoginIdsReadsBackWithout) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, std::nullopt)));
  const auto found = store().find_user(kUser);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->email);
  EXPECT_FALSE(found->username);
  EXPECT_FALSE(found->password);
}

TEST_P(UserStoreContract, AnUnknownUserIsNotFound) {
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_FALSE(store().find_user_by_email(kTenant, "nobody@example.com"));
  EXPECT_FALSE(store().find_user_by_username(kTenant, "nobody"));
  EXPECT_FALSE(store().delete_user(kUser));
  EXPECT_EQ(store().count_users(), 0U);
}

TEST_P(UserStoreContract, EmailsAreFoundIgnoringCaseWithinTheirTenant) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "ada@example.com")));
  const auto found = store().find_user_by_email(kTenant, "ADA@Example.COM");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kUser);
  EXPECT_FALSE(store().find_user_by_email(kOtherTenant, "ada@example.com"));
}

TEST_P(UserStoreContract, EmailsAreUniquePerTenant) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "ada@example.com")));
  const auto second = store().insert_user(make_user(kOtherUser, kTenant, "ada@example.com"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateEmail);
  EXPECT_FALSE(store().find_user(kOtherUser));
  EXPECT_TRUE(store().insert_user(make_user(kOtherUser, kOtherTenant, "ada@example.com")));
}

TEST_P(UserStoreContract, UsernamesAreUniqueAndFoundIgnoringCaseAndKeepTheirCase) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, std::nullopt, "Ada")));
  const auto second = store().insert_user(make_user(kOtherUser, kTenant, std::nullopt, "ADA"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateUsername);
  const auto found = store().find_user_by_username(kTenant, "aDa");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, kUser);
  EXPECT_EQ(found->username, "Ada");
  EXPECT_FALSE(store().find_user_by_username(kOtherTenant, "Ada"));
  EXPECT_TRUE(store().insert_user(make_user(kOtherUser, kOtherTenant, std::nullopt, "ada")));
}

TEST_P(UserStoreContract, UsersWithoutEmailOrUsernameDoNotCollide) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, std::nullopt)));
  EXPECT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, std::nullopt)));
  EXPECT_EQ(store().count_users(), 2U);
}

TEST_P(UserStoreContract, ASecondUserWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "a@example.com")));
  const auto second = store().insert_user(make_user(kUser, kTenant, "b@example.com"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_FALSE(store().find_user_by_email(kTenant, "b@example.com"));
}

TEST_P(UserStoreContract, AUserNeedsAnExistingTenant) {
  const auto written = store().insert_user(make_user(kUser, id(0xDEAD), "a@example.com"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_user(kUser));
}

TEST_P(UserStoreContract, AnUpdateReplacesTheUserButNotItsLoginBookkeeping) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "old@example.com", "old")));
  store().update_login_failures(kUser, {2, at(1000), std::nullopt});
  domain::User changed = make_user(kUser, kTenant, "new@example.com", "New");
  changed.active = false;
  changed.data = json::object{{"firstName", "New"}};
  changed.password = domain::PasswordCredential{"bcrypt", "h2", "s2", 10};
  ASSERT_TRUE(store().update_user(changed));

  const auto found = store().find_user(kUser);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->email, "new@example.com");
  EXPECT_EQ(found->username, "New");
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->data, changed.data);
  ASSERT_TRUE(found->password);
  EXPECT_EQ(found->password->scheme, "bcrypt");
  EXPECT_EQ(found->password->factor, 10);
  EXPECT_EQ(found->failures.count, 2);
  EXPECT_FALSE(store().find_user_by_email(kTenant, "old@example.com"));
  EXPECT_TRUE(store().find_user_by_username(kTenant, "new"));
}

TEST_P(UserStoreContract, AnUpdateOntoATakenEmailIsRefused) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "a@example.com")));
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "b@example.com")));
  const auto written = store().update_user(make_user(kOtherUser, kTenant, "a@example.com"));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateEmail);
  EXPECT_EQ(store().find_user(kOtherUser)->email, "b@example.com");
}

TEST_P(UserStoreContract, UpdatingAnAbsentUserCreatesNothing) {
  (void)store().update_user(make_user(kUser, kTenant, "a@example.com"));
  EXPECT_FALSE(store().find_user(kUser));
}

TEST_P(UserStoreContract, CountUsersCountsEveryTenant) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "a@example.com")));
  ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kOtherTenant, "a@example.com")));
  EXPECT_EQ(store().count_users(), 2U);
  ASSERT_TRUE(store().delete_user(kUser));
  EXPECT_EQ(store().count_users(), 1U);
}

TEST_P(UserStoreContract, DeletingAUserRemovesEverythingThatBelongsToIt) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  ASSERT_TRUE(store().insert_refresh_token(
      {id(0x300), "rt-hash", "sealed", kUser, kApp, kTenant, at(1), at(1), {}}));
  store().insert_two_factor_challenge({"tf-hash", kUser, at(1000), {}});
  store().insert_password_change({"pc-hash", "change", kUser, at(1000), {}});

  EXPECT_TRUE(store().delete_user(kUser));
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_FALSE(store().find_registration(kUser, kApp));
  EXPECT_FALSE(store().find_refresh_token(id(0x300)));
  EXPECT_FALSE(store().find_two_factor_challenge("tf-hash"));
  EXPECT_FALSE(store().find_password_change("pc-hash"));
  EXPECT_FALSE(store().delete_user(kUser));
}

TEST_P(UserStoreContract, AUserAndItsFirstRegistrationAreWrittenTogether) {
  const json::object registration_data{{"roles", json::array{"admin"}}};
  ASSERT_TRUE(store().insert_user_with_registration(make_user(kUser, kTenant, "a@example.com"),
                                                    {id(0x200), kUser, kApp, registration_data}));
  EXPECT_TRUE(store().find_user(kUser));
  const auto registration = store().find_registration(kUser, kApp);
  ASSERT_TRUE(registration);
  EXPECT_EQ(registration->id, id(0x200));
  EXPECT_EQ(registration->data, registration_data);
}

TEST_P(UserStoreContract, ARefusedRegistrationLeavesNoUser) {
  const auto written = store().insert_user_with_registration(
      make_user(kUser, kTenant, "a@example.com"), {id(0x200), kUser, id(0xDEAD), {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_user(kUser));
  EXPECT_EQ(store().count_users(), 0U);
}

TEST_P(UserStoreContract, ARefusedUserLeavesNoRegistration) {
  ASSERT_TRUE(store().insert_user(make_user(kUser, kTenant, "a@example.com")));
  const auto written = store().insert_user_with_registration(
      make_user(kOtherUser, kTenant, "a@example.com"), {id(0x200), kOtherUser, kApp, {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateEmail);
  EXPECT_FALSE(store().find_user(kOtherUser));
  EXPECT_TRUE(store().list_registrations(kOtherUser).empty());
}

// --- failed-login bookkeeping ---------------------------------------------------------------

TEST_P(UserStoreContract, LoginFailuresWrittenDirectlyReadBack) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  store().update_login_failures(kUser, {3, at(1000), at(9000)});
  const auto found = store().find_user(kUser);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->failures.count, 3);
  EXPECT_EQ(found->failures.window_start, at(1000));
  EXPECT_EQ(found->failures.locked_until, at(9000));
  store().update_login_failures(kUser, {});
  const auto cleared = store().find_user(kUser);
  EXPECT_EQ(cleared->failures.count, 0);
  EXPECT_FALSE(cleared->failures.window_start);
  EXPECT_FALSE(cleared->failures.locked_until);
}

TEST_P(UserStoreContract, FailuresInsideTheWindowAddUp) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  const auto first = store().record_login_failure(kUser, at(1000), milliseconds(500), 5, {});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->count, 1);
  EXPECT_EQ(first->window_start, at(1000));
  EXPECT_FALSE(first->locked_until);
  // Exactly reset_after later is still inside the window.
  const auto second = store().record_login_failure(kUser, at(1500), milliseconds(500), 5, {});
  ASSERT_TRUE(second);
  EXPECT_EQ(second->count, 2);
  EXPECT_EQ(second->window_start, at(1000));
  const auto stored = store().find_user(kUser);
  EXPECT_EQ(stored->failures.count, 2);
  EXPECT_EQ(stored->failures.window_start, at(1000));
}

TEST_P(UserStoreContract, AFailureAfterTheWindowRestartsTheCount) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(store().record_login_failure(kUser, at(1000), milliseconds(500), 5, {}));
  ASSERT_TRUE(store().record_login_failure(kUser, at(1200), milliseconds(500), 5, {}));
  const auto later = store().record_login_failure(kUser, at(1501), milliseconds(500), 5, {});
  ASSERT_TRUE(later);
  EXPECT_EQ(later->count, 1);
  EXPECT_EQ(later->window_start, at(1501));
}

TEST_P(UserStoreContract, ReachingTheThresholdLocksAndRestartsTheCount) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(
      store().record_login_failure(kUser, at(1000), milliseconds(60000), 2, milliseconds(30000)));
  const auto reached =
      store().record_login_failure(kUser, at(2000), milliseconds(60000), 2, milliseconds(30000));
  ASSERT_TRUE(reached);
  EXPECT_EQ(reached->count, 0);
  EXPECT_FALSE(reached->window_start);
  EXPECT_EQ(reached->locked_until, at(32000));
  EXPECT_EQ(store().find_user(kUser)->failures.locked_until, at(32000));
}

TEST_P(UserStoreContract, ReachingTheThresholdWithoutALockDurationSetsNoLock) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  const auto reached =
      store().record_login_failure(kUser, at(1000), milliseconds(60000), 1, std::nullopt);
  ASSERT_TRUE(reached);
  EXPECT_EQ(reached->count, 0);
  EXPECT_FALSE(reached->locked_until);
}

TEST_P(UserStoreContract, AFailureOfAnAbsentUserAnswersNothing) {
  EXPECT_FALSE(store().record_login_failure(kUser, at(1000), milliseconds(500), 5, {}));
}

TEST_P(UserStoreContract, ResetClearsTheCountAndAnExpiredLockButKeepsARunningOne) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  store().update_login_failures(kUser, {3, at(1000), at(5000)});
  store().reset_login_failures(kUser, at(4999));
  auto found = store().find_user(kUser);
  EXPECT_EQ(found->failures.count, 0);
  EXPECT_FALSE(found->failures.window_start);
  EXPECT_EQ(found->failures.locked_until, at(5000));
  store().reset_login_failures(kUser, at(5000));
  found = store().find_user(kUser);
  EXPECT_FALSE(found->failures.locked_until);
}

TEST_P(UserStoreContract, ConcurrentFailuresAreAllCounted) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  const auto answers = run_together<int>(kRacers, [&](std::size_t) {
    const auto written = store().record_login_failure(kUser, at(1000), milliseconds(60000), 1000,
                                                      milliseconds(1000));
    return written ? written->count : -1;
  });
  std::vector<int> expected(kRacers);
  std::iota(expected.begin(), expected.end(), 1);
  auto sorted = answers;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);  // each failure saw a distinct count: none was lost
  EXPECT_EQ(store().find_user(kUser)->failures.count, static_cast<int>(kRacers));
}

TEST_P(UserStoreContract, ConcurrentFailuresReachTheThresholdOncePerThreshold) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  constexpr int kThreshold = 4;
  static_assert(kRacers % kThreshold == 0);
  const auto answers = run_together<domain::LoginFailures>(kRacers, [&](std::size_t) {
    return store()
        .record_login_failure(kUser, at(1000), milliseconds(60000), kThreshold, milliseconds(1000))
        .value_or(domain::LoginFailures{-1, {}, {}});
  });
  const auto reached = std::count_if(answers.begin(), answers.end(),
                                     [](const auto& answer) { return answer.count == 0; });
  EXPECT_EQ(reached, static_cast<long>(kRacers / kThreshold));
  for (const auto& answer : answers) EXPECT_GE(answer.count, 0);
  EXPECT_EQ(store().find_user(kUser)->failures.locked_until, at(2000));
}

// --- TOTP steps -----------------------------------------------------------------------------

TEST_P(UserStoreContract, ATotpStepIsClaimedOnceAndNeverAnEarlierOne) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  EXPECT_TRUE(store().claim_totp_step(kUser, at(60000)));
  EXPECT_FALSE(store().claim_totp_step(kUser, at(60000)));
  EXPECT_FALSE(store().claim_totp_step(kUser, at(30000)));
  EXPECT_TRUE(store().claim_totp_step(kUser, at(90000)));
  EXPECT_FALSE(store().claim_totp_step(kOtherUser, at(90000)));  // no such user
}

TEST_P(UserStoreContract, ConcurrentClaimsOfOneTotpStepHaveOneWinner) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  const auto answers = run_together<bool>(
      kRacers, [&](std::size_t) { return store().claim_totp_step(kUser, at(60000)); });
  EXPECT_EQ(std::count(answers.begin(), answers.end(), true), 1);
}

// --- login stamps ---------------------------------------------------------------------------

TEST_P(UserStoreContract, RecordLoginStampsTheUserAndThatRegistrationOnly) {
  domain::User user = make_user(kUser, kTenant, "a@example.com");
  user.data = json::object{{"firstName", "Ada"}};
  ASSERT_TRUE(store().insert_user(user));
  ASSERT_TRUE(store().insert_application({kOtherApp, kTenant, "Other", true, {}}));
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {{"roles", json::array{}}}}));
  ASSERT_TRUE(store().insert_registration({id(0x201), kUser, kOtherApp, {}}));

  store().record_login(kUser, kApp, at(1234567));
  const auto found = store().find_user(kUser);
  EXPECT_EQ(json::get_int(found->data, "lastLoginInstant"), 1234567);
  EXPECT_EQ(json::get_string(found->data, "firstName"), "Ada");
  const auto registration = store().find_registration(kUser, kApp);
  EXPECT_EQ(json::get_int(registration->data, "lastLoginInstant"), 1234567);
  EXPECT_TRUE(json::get_array(registration->data, "roles"));
  EXPECT_FALSE(
      json::get_int(store().find_registration(kUser, kOtherApp)->data, "lastLoginInstant"));
}

TEST_P(UserStoreContract, RecordLoginWithoutAnApplicationStampsTheUserOnly) {
  ASSERT_NO_FATAL_FAILURE(seed_user());
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  store().record_login(kUser, std::nullopt, at(42));
  EXPECT_EQ(json::get_int(store().find_user(kUser)->data, "lastLoginInstant"), 42);
  EXPECT_FALSE(json::get_int(store().find_registration(kUser, kApp)->data, "lastLoginInstant"));
}

TEST_P(UserStoreContract, ConcurrentInsertsOfOneEmailHaveOneWinner) {
  const auto answers = run_together<WriteResult>(kRacers, [&](std::size_t i) {
    return store().insert_user(
        make_user(id(0x1000 + static_cast<int>(i)), kTenant, "race@example.com"));
  });
  const auto winners =
      std::count_if(answers.begin(), answers.end(), [](const auto& a) { return a.has_value(); });
  EXPECT_EQ(winners, 1);
  for (const auto& answer : answers) {
    if (!answer) {
      EXPECT_EQ(answer.error(), Conflict::kDuplicateEmail);
    }
  }
  EXPECT_EQ(store().count_users(), 1U);
}

class RegistrationStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_NO_FATAL_FAILURE(seed_application());
    ASSERT_TRUE(store().insert_application({kOtherApp, kTenant, "Other", true, {}}));
    ASSERT_NO_FATAL_FAILURE(seed_user());
    ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "other@example.com")));
  }
};

TEST_P(RegistrationStoreContract, ARegistrationRoundTripsEveryField) {
  const json::object data{{"roles", json::array{"admin", "user"}}, {"username", "ada"}};
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, data}));
  const auto found = store().find_registration(kUser, kApp);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(0x200));
  EXPECT_EQ(found->user_id, kUser);
  EXPECT_EQ(found->application_id, kApp);
  EXPECT_EQ(found->data, data);
}

TEST_P(RegistrationStoreContract, AnUnknownRegistrationIsNotFound) {
  EXPECT_FALSE(store().find_registration(kUser, kApp));
  EXPECT_TRUE(store().list_registrations(kUser).empty());
  EXPECT_FALSE(store().delete_registration(kUser, kApp));
}

TEST_P(RegistrationStoreContract, AUsersRegistrationsListInTheOrderTheyWereMade) {
  ASSERT_TRUE(store().insert_registration({id(0x202), kUser, kOtherApp, {}}));
  ASSERT_TRUE(store().insert_registration({id(0x201), kUser, kApp, {}}));
  ASSERT_TRUE(store().insert_registration({id(0x203), kOtherUser, kApp, {}}));
  const auto registrations = store().list_registrations(kUser);
  ASSERT_EQ(registrations.size(), 2U);
  EXPECT_EQ(registrations[0].application_id, kOtherApp);
  EXPECT_EQ(registrations[1].application_id, kApp);
}

TEST_P(RegistrationStoreContract, OneRegistrationPerUserAndApplication) {
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  const auto second = store().insert_registration({id(0x201), kUser, kApp, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateRegistration);
}

TEST_P(RegistrationStoreContract, ASecondRegistrationWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  const auto second = store().insert_registration({id(0x200), kUser, kOtherApp, {}});
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error(), Conflict::kDuplicateId);
  EXPECT_FALSE(store().find_registration(kUser, kOtherApp));
}

TEST_P(RegistrationStoreContract, ARegistrationNeedsItsUserAndApplication) {
  const auto no_user = store().insert_registration({id(0x200), id(0xDEAD), kApp, {}});
  ASSERT_FALSE(no_user);
  EXPECT_EQ(no_user.error(), Conflict::kMissingParent);
  const auto no_app = store().insert_registration({id(0x201), kUser, id(0xDEAD), {}});
  ASSERT_FALSE(no_app);
  EXPECT_EQ(no_app.error(), Conflict::kMissingParent);
  EXPECT_TRUE(store().list_registrations(kUser).empty());
}

TEST_P(RegistrationStoreContract, AnUpdateReplacesTheDocument) {
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {{"a", 1}}}));
  ASSERT_TRUE(store().update_registration({id(0x200), kUser, kApp, {{"b", 2}}}));
  EXPECT_EQ(store().find_registration(kUser, kApp)->data, (json::object{{"b", 2}}));
}

TEST_P(RegistrationStoreContract, AnUpdateOfAnotherRegistrationIdChangesNothing) {
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {{"a", 1}}}));
  (void)store().update_registration({id(0x299), kUser, kApp, {{"b", 2}}});
  const auto found = store().find_registration(kUser, kApp);
  EXPECT_EQ(found->id, id(0x200));
  EXPECT_EQ(found->data, (json::object{{"a", 1}}));
}

TEST_P(RegistrationStoreContract, DeletingARegistrationLeavesTheOthers) {
  ASSERT_TRUE(store().insert_registration({id(0x200), kUser, kApp, {}}));
  ASSERT_TRUE(store().insert_registration({id(0x201), kUser, kOtherApp, {}}));
  EXPECT_TRUE(store().delete_registration(kUser, kApp));
  EXPECT_FALSE(store().find_registration(kUser, kApp));
  EXPECT_TRUE(store().find_registration(kUser, kOtherApp));
  EXPECT_FALSE(store().delete_registration(kUser, kApp));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(UserStoreContract);
LATCHKEY_STORE_CONTRACT(RegistrationStoreContract);

}  // namespace latchkey::store::contract
