// Contract of the single-use records: two-factor challenges (TwoFactorStore), pending password
// changes (PasswordChangeStore), OAuth codes and SSO sessions (the OAuth grant methods of
// Store) and revoked access tokens (RevokedTokenStore).
//
// - Each round-trips every field and answers nothing for an unknown id; find never consumes.
// - Concurrency rules, each tested with N threads released together:
//   * of N concurrent take_two_factor_challenge of one id exactly one gets the challenge
//     (a twoFactorId completes at most one login);
//   * of N concurrent record_two_factor_failure with distinct wrong codes every one counts, and
//     at the limit the challenge is gone, so exactly `limit` of them are answered;
//   * of N concurrent take_password_change of one id exactly one gets the record;
//   * of N concurrent consume_oauth_grant of one code exactly one answers true
//     (RFC 6749 §4.1.2: a code is single-use);
//   * N concurrent revocations of one jti leave one entry.
// - delete_expired_oauth_grants and the revoked-token prune remove what expired strictly
//   before `now`.
#include <algorithm>
#include <numeric>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class TwoFactorStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_NO_FATAL_FAILURE(seed_user());
  }
};

TEST_P(TwoFactorStoreContract, AChallengeRoundTripsEveryFieldAndFindingKeepsIt) {
  const json::object data{{"applicationId", kApp.str()}, {"methodId", "totp"}};
  store().insert_two_factor_challenge({"tf", kUser, at(90000), data});
  for (int round = 0; round < 2; ++round) {
    const auto found = store().find_two_factor_challenge("tf");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id_hash, "tf");
    EXPECT_EQ(found->user_id, kUser);
    EXPECT_EQ(found->expires_at, at(90000));
    EXPECT_EQ(found->data, data);
  }
}

TEST_P(TwoFactorStoreContract, AnUnknownChallengeIsNotFound) {
  EXPECT_FALSE(store().find_two_factor_challenge("tf"));
  EXPECT_FALSE(store().take_two_factor_challenge("tf"));
  EXPECT_FALSE(store().record_two_factor_failure("tf", "code", 5));
}

TEST_P(TwoFactorStoreContract, TakingAChallengeAnswersItOnce) {
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {{"a", 1}}});
  const auto taken = store().take_two_factor_challenge("tf");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->user_id, kUser);
  EXPECT_EQ(taken->expires_at, at(90000));
  EXPECT_EQ(taken->data, (json::object{{"a", 1}}));
  EXPECT_FALSE(store().take_two_factor_challenge("tf"));
  EXPECT_FALSE(store().find_two_factor_challenge("tf"));
}

TEST_P(TwoFactorStoreContract, WrongCodesCountButTheSameWrongCodeTwiceCountsOnce) {
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {}});
  const auto first = store().record_two_factor_failure("tf", "code-a", 5);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->count, 1);
  EXPECT_FALSE(first->repeated);
  const auto again = store().record_two_factor_failure("tf", "code-a", 5);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->count, 1);
  EXPECT_TRUE(again->repeated);
  const auto other = store().record_two_factor_failure("tf", "code-b", 5);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->count, 2);
  EXPECT_FALSE(other->repeated);
  // a-b-a: only the immediately previous wrong code is "the same".
  const auto back = store().record_two_factor_failure("tf", "code-a", 5);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->count, 3);
  EXPECT_TRUE(store().find_two_factor_challenge("tf"));
}

TEST_P(TwoFactorStoreContract, TheLimitDeletesTheChallenge) {
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {}});
  ASSERT_TRUE(store().record_two_factor_failure("tf", "code-a", 2));
  const auto last = store().record_two_factor_failure("tf", "code-b", 2);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->count, 2);
  EXPECT_FALSE(store().find_two_factor_challenge("tf"));
  EXPECT_FALSE(store().take_two_factor_challenge("tf"));
  EXPECT_FALSE(store().record_two_factor_failure("tf", "code-c", 2));
}

TEST_P(TwoFactorStoreContract, ConcurrentTakesOfOneChallengeHaveOneTaker) {
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {}});
  const auto answers = run_together<bool>(
      kRacers, [&](std::size_t) { return store().take_two_factor_challenge("tf").has_value(); });
  EXPECT_EQ(std::count(answers.begin(), answers.end(), true), 1);
}

TEST_P(TwoFactorStoreContract, ConcurrentWrongCodesAreAllCounted) {
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {}});
  const auto answers = run_together<int>(kRacers, [&](std::size_t i) {
    const auto failure = store().record_two_factor_failure("tf", "code-" + std::to_string(i),
                                                           static_cast<int>(kRacers) + 1);
    return failure ? failure->count : -1;
  });
  std::vector<int> expected(kRacers);
  std::iota(expected.begin(), expected.end(), 1);
  auto sorted = answers;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, expected);
}

TEST_P(TwoFactorStoreContract, ConcurrentWrongCodesStopAtTheLimit) {
  constexpr int kLimit = 4;
  store().insert_two_factor_challenge({"tf", kUser, at(90000), {}});
  const auto answers = run_together<int>(kRacers, [&](std::size_t i) {
    const auto failure =
        store().record_two_factor_failure("tf", "code-" + std::to_string(i), kLimit);
    return failure ? failure->count : 0;
  });
  auto counted = answers;
  std::sort(counted.begin(), counted.end());
  counted.erase(counted.begin(),
                std::find_if(counted.begin(), counted.end(), [](int count) { return count != 0; }));
  EXPECT_EQ(counted, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_FALSE(store().find_two_factor_challenge("tf"));
}

class PasswordChangeStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_NO_FATAL_FAILURE(seed_user());
    ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "other@example.com")));
  }
};

TEST_P(PasswordChangeStoreContract, ARecordRoundTripsEveryFieldAndFindingKeepsIt) {
  const json::object data{{"applicationId", kApp.str()}};
  store().insert_password_change({"pc", "change", kUser, at(60000), data});
  for (int round = 0; round < 2; ++round) {
    const auto found = store().find_password_change("pc");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id_hash, "pc");
    EXPECT_EQ(found->kind, "change");
    EXPECT_EQ(found->user_id, kUser);
    EXPECT_EQ(found->expires_at, at(60000));
    EXPECT_EQ(found->data, data);
  }
}

TEST_P(PasswordChangeStoreContract, AnUnknownRecordIsNotFound) {
  EXPECT_FALSE(store().find_password_change("pc"));
  EXPECT_FALSE(store().take_password_change("pc"));
  EXPECT_EQ(store().delete_password_changes(kUser, "change"), 0U);
}

TEST_P(PasswordChangeStoreContract, TakingARecordAnswersItOnce) {
  store().insert_password_change({"pc", "otp", kUser, at(60000), {{"a", 1}}});
  const auto taken = store().take_password_change("pc");
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->kind, "otp");
  EXPECT_EQ(taken->user_id, kUser);
  EXPECT_EQ(taken->data, (json::object{{"a", 1}}));
  EXPECT_FALSE(store().take_password_change("pc"));
  EXPECT_FALSE(store().find_password_change("pc"));
}

TEST_P(PasswordChangeStoreContract, DeletingByKindRemovesOnlyThatUsersRecordsOfThatKind) {
  store().insert_password_change({"c1", "change", kUser, at(60000), {}});
  store().insert_password_change({"c2", "change", kUser, at(60000), {}});
  store().insert_password_change({"o1", "otp", kUser, at(60000), {}});
  store().insert_password_change({"c3", "change", kOtherUser, at(60000), {}});
  EXPECT_EQ(store().delete_password_changes(kUser, "change"), 2U);
  EXPECT_FALSE(store().find_password_change("c1"));
  EXPECT_FALSE(store().find_password_change("c2"));
  EXPECT_TRUE(store().find_password_change("o1"));
  EXPECT_TRUE(store().find_password_change("c3"));
}

TEST_P(PasswordChangeStoreContract, ConcurrentTakesOfOneRecordHaveOneTaker) {
  store().insert_password_change({"pc", "change", kUser, at(60000), {}});
  const auto answers = run_together<bool>(
      kRacers, [&](std::size_t) { return store().take_password_change("pc").has_value(); });
  EXPECT_EQ(std::count(answers.begin(), answers.end(), true), 1);
}

class OAuthGrantStoreContract : public StoreContract {};

TEST_P(OAuthGrantStoreContract, AGrantRoundTripsEveryField) {
  const json::object data{{"client_id", "abc"}, {"scope", "openid"}};
  store().insert_oauth_grant({"code-1", "code", at(30000), std::nullopt, data});
  const auto found = store().find_oauth_grant("code-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id_hash, "code-1");
  EXPECT_EQ(found->kind, "code");
  EXPECT_EQ(found->expires_at, at(30000));
  EXPECT_FALSE(found->consumed_at);
  EXPECT_EQ(found->data, data);
}

TEST_P(OAuthGrantStoreContract, AnUnknownGrantIsNotFound) {
  EXPECT_FALSE(store().find_oauth_grant("code-1"));
  EXPECT_FALSE(store().consume_oauth_grant("code-1", at(1000)));
  EXPECT_FALSE(store().delete_oauth_grant("code-1"));
  EXPECT_EQ(store().delete_expired_oauth_grants(at(1000000)), 0U);
}

TEST_P(OAuthGrantStoreContract, AGrantIsConsumedOnceAndRemembersWhen) {
  store().insert_oauth_grant({"code-1", "code", at(30000), std::nullopt, {}});
  EXPECT_TRUE(store().consume_oauth_grant("code-1", at(1000)));
  EXPECT_FALSE(store().consume_oauth_grant("code-1", at(2000)));
  const auto found = store().find_oauth_grant("code-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->consumed_at, at(1000));
}

TEST_P(OAuthGrantStoreContract, AnUpdateReplacesOnlyTheDocument) {
  store().insert_oauth_grant({"sso-1", "sso", at(30000), std::nullopt, {{"a", 1}}});
  ASSERT_TRUE(store().consume_oauth_grant("sso-1", at(1000)));
  store().update_oauth_grant_data("sso-1", {{"b", 2}});
  const auto found = store().find_oauth_grant("sso-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->data, (json::object{{"b", 2}}));
  EXPECT_EQ(found->kind, "sso");
  EXPECT_EQ(found->expires_at, at(30000));
  EXPECT_EQ(found->consumed_at, at(1000));
}

TEST_P(OAuthGrantStoreContract, UpdatingAnAbsentGrantCreatesNothing) {
  store().update_oauth_grant_data("sso-1", {{"b", 2}});
  EXPECT_FALSE(store().find_oauth_grant("sso-1"));
}

TEST_P(OAuthGrantStoreContract, DeletingAGrantLeavesTheOthers) {
  store().insert_oauth_grant({"code-1", "code", at(30000), std::nullopt, {}});
  store().insert_oauth_grant({"code-2", "code", at(30000), std::nullopt, {}});
  EXPECT_TRUE(store().delete_oauth_grant("code-1"));
  EXPECT_FALSE(store().find_oauth_grant("code-1"));
  EXPECT_TRUE(store().find_oauth_grant("code-2"));
  EXPECT_FALSE(store().delete_oauth_grant("code-1"));
}

TEST_P(OAuthGrantStoreContract, ExpiredGrantsOfEveryKindAreRemovedAndCounted) {
  store().insert_oauth_grant({"code-old", "code", at(1000), std::nullopt, {}});
  store().insert_oauth_grant({"sso-old", "sso", at(1999), std::nullopt, {}});
  store().insert_oauth_grant({"code-now", "code", at(2000), std::nullopt, {}});
  store().insert_oauth_grant({"sso-later", "sso", at(5000), std::nullopt, {}});
  EXPECT_EQ(store().delete_expired_oauth_grants(at(2000)), 2U);
  EXPECT_FALSE(store().find_oauth_grant("code-old"));
  EXPECT_FALSE(store().find_oauth_grant("sso-old"));
  EXPECT_TRUE(store().find_oauth_grant("code-now"));  // expiring at `now` is not yet expired
  EXPECT_TRUE(store().find_oauth_grant("sso-later"));
}

TEST_P(OAuthGrantStoreContract, ConcurrentConsumersOfOneCodeHaveOneWinner) {
  store().insert_oauth_grant({"code-1", "code", at(30000), std::nullopt, {}});
  const auto answers = run_together<bool>(kRacers, [&](std::size_t i) {
    return store().consume_oauth_grant("code-1", at(1000 + static_cast<std::int64_t>(i)));
  });
  ASSERT_EQ(std::count(answers.begin(), answers.end(), true), 1);
  const auto winner =
      std::distance(answers.begin(), std::find(answers.begin(), answers.end(), true));
  EXPECT_EQ(store().find_oauth_grant("code-1")->consumed_at, at(1000 + winner));
}

class RevokedTokenStoreContract : public StoreContract {};

TEST_P(RevokedTokenStoreContract, ARevocationRoundTripsEveryField) {
  store().insert_revoked_access_token({"jti-1", kApp, at(9000), at(1000)}, at(1000));
  const auto tokens = store().prune_and_list_revoked_access_tokens(at(1000));
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_EQ(tokens[0].jti, "jti-1");
  EXPECT_EQ(tokens[0].application_id, kApp);
  EXPECT_EQ(tokens[0].expires_at, at(9000));
  EXPECT_EQ(tokens[0].revoked_at, at(1000));
}

TEST_P(RevokedTokenStoreContract, NoRevocationsListEmpty) {
  EXPECT_TRUE(store().prune_and_list_revoked_access_tokens(at(1000)).empty());
}

TEST_P(RevokedTokenStoreContract, ASecondRevocationOfOneJtiKeepsTheFirst) {
  store().insert_revoked_access_token({"jti-1", kApp, at(9000), at(1000)}, at(1000));
  store().insert_revoked_access_token({"jti-1", kOtherApp, at(9000), at(2000)}, at(2000));
  const auto tokens = store().prune_and_list_revoked_access_tokens(at(2000));
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_EQ(tokens[0].application_id, kApp);
  EXPECT_EQ(tokens[0].revoked_at, at(1000));
}

TEST_P(RevokedTokenStoreContract, ListingPrunesWhatExpiredBeforeNow) {
  store().insert_revoked_access_token({"old", kApp, at(1999), at(0)}, at(0));
  store().insert_revoked_access_token({"now", kApp, at(2000), at(0)}, at(0));
  store().insert_revoked_access_token({"later", kApp, at(5000), at(0)}, at(0));
  auto tokens = store().prune_and_list_revoked_access_tokens(at(2000));
  std::vector<std::string> jtis;
  for (const auto& token : tokens) jtis.push_back(token.jti);
  std::sort(jtis.begin(), jtis.end());
  EXPECT_EQ(jtis, (std::vector<std::string>{"later", "now"}));
  // Pruned means gone: going back in time does not bring it back.
  EXPECT_EQ(store().prune_and_list_revoked_access_tokens(at(0)).size(), 2U);
}

TEST_P(RevokedTokenStoreContract, ARevocationPrunesWhatExpiredBeforeNow) {
  store().insert_revoked_access_token({"old", kApp, at(1999), at(0)}, at(0));
  store().insert_revoked_access_token({"new", kApp, at(9000), at(2000)}, at(2000));
  const auto tokens = store().prune_and_list_revoked_access_tokens(at(0));
  ASSERT_EQ(tokens.size(), 1U);
  EXPECT_EQ(tokens[0].jti, "new");
}

TEST_P(RevokedTokenStoreContract, ConcurrentRevocationsOfOneJtiLeaveOneEntry) {
  run_together<bool>(kRacers, [&](std::size_t i) {
    store().insert_revoked_access_token(
        {"jti-1", kApp, at(9000), at(1000 + static_cast<std::int64_t>(i))}, at(1000));
    return true;
  });
  EXPECT_EQ(store().prune_and_list_revoked_access_tokens(at(1000)).size(), 1U);
}

TEST_P(RevokedTokenStoreContract, ConcurrentRevocationsOfDifferentJtisAreAllKept) {
  run_together<bool>(kRacers, [&](std::size_t i) {
    store().insert_revoked_access_token({"jti-" + std::to_string(i), kApp, at(9000), at(1000)},
                                        at(1000));
    return true;
  });
  EXPECT_EQ(store().prune_and_list_revoked_access_tokens(at(1000)).size(), kRacers);
}

}  // namespace

LATCHKEY_STORE_CONTRACT(TwoFactorStoreContract);
LATCHKEY_STORE_CONTRACT(PasswordChangeStoreContract);
LATCHKEY_STORE_CONTRACT(OAuthGrantStoreContract);
LATCHKEY_STORE_CONTRACT(RevokedTokenStoreContract);

}  // namespace latchkey::store::contract
