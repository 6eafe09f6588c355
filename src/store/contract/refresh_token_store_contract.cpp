// RefreshTokenStore contract.
//
// - A token round-trips every field (the application is optional); it is found by id or by
//   its hash, listed per user by insert instant, and needs its user (kMissingParent).
// - delete_refresh_tokens / count_refresh_tokens filter by user, by user and application, or
//   by application alone, and answer how many.
// - rotate_refresh_token applies only while the row still holds `expected_hash`: then it
//   replaces hash, sealed value, start instant and document (id and insert instant stay), and,
//   when the value changed, records the old hash as a predecessor. Otherwise it answers false
//   and writes nothing. A predecessor is `latest` until the token rotates again.
// - Concurrency rule (docs/ARCHITECTURE.md, one-time-use refresh tokens): of N concurrent
//   rotations of one value exactly one answers true, and the token then holds that winner's
//   value with exactly one predecessor.
#include <algorithm>

#include "store/contract/store_contract.hpp"

namespace latchkey::store::contract {
namespace {

class RefreshTokenStoreContract : public StoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(StoreContract::SetUp());
    ASSERT_NO_FATAL_FAILURE(seed_tenant());
    ASSERT_NO_FATAL_FAILURE(seed_application());
    ASSERT_TRUE(store().insert_application({kOtherApp, kTenant, "Other", true, {}}));
    ASSERT_NO_FATAL_FAILURE(seed_user());
    ASSERT_TRUE(store().insert_user(make_user(kOtherUser, kTenant, "other@example.com")));
  }

  static domain::RefreshToken token(int n, const Uuid& user, std::optional<Uuid> application,
                                    std::int64_t inserted_ms = 1000) {
    return {id(n),
            "hash-" + std::to_string(n),
            "sealed-" + std::to_string(n),
            user,
            application,
            kTenant,
            at(inserted_ms),
            at(inserted_ms),
            {}};
  }

  static RefreshTokenRotation rotation(int n, const std::string& from, const std::string& to,
                                       std::int64_t rotated_ms = 5000) {
    return {id(n), from, to, "sealed-" + to, at(rotated_ms), {{"rotated", to}}, at(rotated_ms)};
  }
};

TEST_P(RefreshTokenStoreContract, ATokenRoundTripsEveryField) {
  const json::object data{{"metaData", {{"device", {{"name", "phone"}}}}}};
  const domain::RefreshToken written{id(1),   "hash",   "sealed", kUser, kApp,
                                     kTenant, at(1000), at(2000), data};
  ASSERT_TRUE(store().insert_refresh_token(written));
  const auto found = store().find_refresh_token(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->token_hash, "hash");
  EXPECT_EQ(found->token_sealed, "sealed");
  EXPECT_EQ(found->user_id, kUser);
  EXPECT_EQ(found->application_id, kApp);
  EXPECT_EQ(found->tenant_id, kTenant);
  EXPECT_EQ(found->insert_instant, at(1000));
  EXPECT_EQ(found->start_instant, at(2000));
  EXPECT_EQ(found->data, data);
  const auto by_hash = store().find_refresh_token_by_hash("hash");
  ASSERT_TRUE(by_hash);
  EXPECT_EQ(by_hash->id, id(1));
}

TEST_P(RefreshTokenStoreContract, ATokenWithoutApplicationReadsBackWithout) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, std::nullopt)));
  const auto found = store().find_refresh_token(id(1));
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->application_id);
}

TEST_P(RefreshTokenStoreContract, AnUnknownTokenIsNotFound) {
  EXPECT_FALSE(store().find_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token_by_hash("hash-1"));
  EXPECT_TRUE(store().list_refresh_tokens(kUser).empty());
  EXPECT_FALSE(store().delete_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token_predecessor("hash-1"));
}

TEST_P(RefreshTokenStoreContract, ATokenNeedsItsUser) {
  const auto written = store().insert_refresh_token(token(1, id(0xDEAD), kApp));
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kMissingParent);
  EXPECT_FALSE(store().find_refresh_token(id(1)));
}

TEST_P(RefreshTokenStoreContract, ASecondTokenWithTheSameIdIsRefused) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  auto again = token(1, kUser, kApp);
  again.token_hash = "other-hash";
  const auto written = store().insert_refresh_token(again);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error(), Conflict::kDuplicateId);
  EXPECT_FALSE(store().find_refresh_token_by_hash("other-hash"));
}

TEST_P(RefreshTokenStoreContract, AUsersTokensListByInsertInstant) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp, 3000)));
  ASSERT_TRUE(store().insert_refresh_token(token(2, kUser, kOtherApp, 1000)));
  ASSERT_TRUE(store().insert_refresh_token(token(3, kOtherUser, kApp, 2000)));
  ASSERT_TRUE(store().insert_refresh_token(token(4, kUser, std::nullopt, 2000)));
  const auto tokens = store().list_refresh_tokens(kUser);
  ASSERT_EQ(tokens.size(), 3U);
  EXPECT_EQ(tokens[0].id, id(2));
  EXPECT_EQ(tokens[1].id, id(4));
  EXPECT_EQ(tokens[2].id, id(1));
}

TEST_P(RefreshTokenStoreContract, DeletingOneTokenLeavesTheOthers) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  ASSERT_TRUE(store().insert_refresh_token(token(2, kUser, kApp)));
  EXPECT_TRUE(store().delete_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token_by_hash("hash-1"));
  EXPECT_TRUE(store().find_refresh_token(id(2)));
  EXPECT_FALSE(store().delete_refresh_token(id(1)));
}

class RefreshTokenFilterContract : public RefreshTokenStoreContract {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(RefreshTokenStoreContract::SetUp());
    // kUser: two of kApp, one of kOtherApp, one without application; kOtherUser: one of kApp.
    ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
    ASSERT_TRUE(store().insert_refresh_token(token(2, kUser, kApp)));
    ASSERT_TRUE(store().insert_refresh_token(token(3, kUser, kOtherApp)));
    ASSERT_TRUE(store().insert_refresh_token(token(4, kUser, std::nullopt)));
    ASSERT_TRUE(store().insert_refresh_token(token(5, kOtherUser, kApp)));
  }
};

TEST_P(RefreshTokenFilterContract, CountsFilterByUserByUserAndApplicationAndByApplication) {
  EXPECT_EQ(store().count_refresh_tokens(kUser, std::nullopt), 4U);
  EXPECT_EQ(store().count_refresh_tokens(kUser, kApp), 2U);
  EXPECT_EQ(store().count_refresh_tokens(kUser, kOtherApp), 1U);
  EXPECT_EQ(store().count_refresh_tokens(std::nullopt, kApp), 3U);
  EXPECT_EQ(store().count_refresh_tokens(id(0xDEAD), std::nullopt), 0U);
}

TEST_P(RefreshTokenFilterContract, DeletingByUserAndApplicationLeavesTheRest) {
  EXPECT_EQ(store().delete_refresh_tokens(kUser, kApp), 2U);
  EXPECT_FALSE(store().find_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token(id(2)));
  EXPECT_TRUE(store().find_refresh_token(id(3)));
  EXPECT_TRUE(store().find_refresh_token(id(4)));
  EXPECT_TRUE(store().find_refresh_token(id(5)));
}

TEST_P(RefreshTokenFilterContract, DeletingByUserRemovesEveryTokenOfTheUser) {
  EXPECT_EQ(store().delete_refresh_tokens(kUser, std::nullopt), 4U);
  EXPECT_TRUE(store().list_refresh_tokens(kUser).empty());
  EXPECT_TRUE(store().find_refresh_token(id(5)));
  EXPECT_EQ(store().delete_refresh_tokens(kUser, std::nullopt), 0U);
}

TEST_P(RefreshTokenFilterContract, DeletingByApplicationRemovesItsTokensOfEveryUser) {
  EXPECT_EQ(store().delete_refresh_tokens(std::nullopt, kApp), 3U);
  EXPECT_EQ(store().count_refresh_tokens(std::nullopt, kApp), 0U);
  EXPECT_TRUE(store().find_refresh_token(id(3)));
  EXPECT_TRUE(store().find_refresh_token(id(4)));
}

TEST_P(RefreshTokenFilterContract, DeletingAnApplicationRemovesItsTokens) {
  ASSERT_TRUE(store().delete_application(kApp));
  EXPECT_EQ(store().count_refresh_tokens(kUser, std::nullopt), 2U);
  EXPECT_FALSE(store().find_refresh_token(id(5)));
}

// --- rotation --------------------------------------------------------------------------------

TEST_P(RefreshTokenStoreContract, ARotationReplacesTheValueAndKeepsTheIdentity) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp, 1000)));
  ASSERT_TRUE(store().rotate_refresh_token(rotation(1, "hash-1", "hash-1b", 5000)));
  EXPECT_FALSE(store().find_refresh_token_by_hash("hash-1"));
  const auto found = store().find_refresh_token_by_hash("hash-1b");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, id(1));
  EXPECT_EQ(found->token_sealed, "sealed-hash-1b");
  EXPECT_EQ(found->start_instant, at(5000));
  EXPECT_EQ(found->insert_instant, at(1000));
  EXPECT_EQ(found->data, (json::object{{"rotated", "hash-1b"}}));
  EXPECT_EQ(found->user_id, kUser);
  EXPECT_EQ(found->application_id, kApp);
}

TEST_P(RefreshTokenStoreContract, ARotatedValueBecomesTheLatestPredecessor) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  ASSERT_TRUE(store().rotate_refresh_token(rotation(1, "hash-1", "hash-1b", 5000)));
  const auto predecessor = store().find_refresh_token_predecessor("hash-1");
  ASSERT_TRUE(predecessor);
  EXPECT_EQ(predecessor->token_id, id(1));
  EXPECT_EQ(predecessor->rotated_at, at(5000));
  EXPECT_TRUE(predecessor->latest);
  EXPECT_FALSE(store().find_refresh_token_predecessor("hash-1b"));
}

TEST_P(RefreshTokenStoreContract, AnotherRotationMakesTheOlderPredecessorNotLatest) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  // The same millisecond twice: order comes from the rotations, not from their instants.
  ASSERT_TRUE(store().rotate_refresh_token(rotation(1, "hash-1", "hash-1b", 5000)));
  ASSERT_TRUE(store().rotate_refresh_token(rotation(1, "hash-1b", "hash-1c", 5000)));
  const auto oldest = store().find_refresh_token_predecessor("hash-1");
  ASSERT_TRUE(oldest);
  EXPECT_FALSE(oldest->latest);
  const auto newest = store().find_refresh_token_predecessor("hash-1b");
  ASSERT_TRUE(newest);
  EXPECT_TRUE(newest->latest);
  EXPECT_EQ(newest->token_id, id(1));
}

TEST_P(RefreshTokenStoreContract, AKeptValueRotatesWithoutAPredecessor) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  RefreshTokenRotation keep{id(1),    "hash-1",         "hash-1", "sealed-1",
                            at(6000), {{"kept", true}}, at(6000)};
  ASSERT_TRUE(store().rotate_refresh_token(keep));
  const auto found = store().find_refresh_token_by_hash("hash-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->start_instant, at(6000));
  EXPECT_EQ(found->data, (json::object{{"kept", true}}));
  EXPECT_FALSE(store().find_refresh_token_predecessor("hash-1"));
}

TEST_P(RefreshTokenStoreContract, ARotationFromAStaleValueWritesNothing) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp, 1000)));
  EXPECT_FALSE(store().rotate_refresh_token(rotation(1, "not-the-value", "hash-x")));
  const auto found = store().find_refresh_token(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->token_hash, "hash-1");
  EXPECT_EQ(found->start_instant, at(1000));
  EXPECT_FALSE(store().find_refresh_token_by_hash("hash-x"));
  EXPECT_FALSE(store().find_refresh_token_predecessor("not-the-value"));
}

TEST_P(RefreshTokenStoreContract, ARevokedTokenCannotRotate) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  ASSERT_TRUE(store().delete_refresh_token(id(1)));
  EXPECT_FALSE(store().rotate_refresh_token(rotation(1, "hash-1", "hash-1b")));
  EXPECT_FALSE(store().find_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token_predecessor("hash-1"));
}

TEST_P(RefreshTokenStoreContract, DeletingATokenForgetsItsPredecessors) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  ASSERT_TRUE(store().rotate_refresh_token(rotation(1, "hash-1", "hash-1b")));
  ASSERT_TRUE(store().delete_refresh_token(id(1)));
  EXPECT_FALSE(store().find_refresh_token_predecessor("hash-1"));
}

TEST_P(RefreshTokenStoreContract, ConcurrentRotationsOfOneValueHaveOneWinner) {
  ASSERT_TRUE(store().insert_refresh_token(token(1, kUser, kApp)));
  const auto answers = run_together<bool>(kRacers, [&](std::size_t i) {
    return store().rotate_refresh_token(rotation(1, "hash-1", "next-" + std::to_string(i)));
  });
  ASSERT_EQ(std::count(answers.begin(), answers.end(), true), 1);
  const auto winner = static_cast<std::size_t>(
      std::distance(answers.begin(), std::find(answers.begin(), answers.end(), true)));
  const auto found = store().find_refresh_token(id(1));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->token_hash, "next-" + std::to_string(winner));
  for (std::size_t i = 0; i < kRacers; ++i) {
    if (i != winner) {
      EXPECT_FALSE(store().find_refresh_token_by_hash("next-" + std::to_string(i)));
    }
  }
  const auto predecessor = store().find_refresh_token_predecessor("hash-1");
  ASSERT_TRUE(predecessor);
  EXPECT_TRUE(predecessor->latest);
}

TEST_P(RefreshTokenStoreContract, ConcurrentRotationsOfDifferentTokensAllWin) {
  for (int n = 1; n <= static_cast<int>(kRacers); ++n) {
    ASSERT_TRUE(store().insert_refresh_token(token(n, kUser, kApp)));
  }
  const auto answers = run_together<bool>(kRacers, [&](std::size_t i) {
    const int n = static_cast<int>(i) + 1;
    return store().rotate_refresh_token(
        rotation(n, "hash-" + std::to_string(n), "next-" + std::to_string(n)));
  });
  EXPECT_EQ(std::count(answers.begin(), answers.end(), true), static_cast<long>(kRacers));
}

}  // namespace

LATCHKEY_STORE_CONTRACT(RefreshTokenStoreContract);
LATCHKEY_STORE_CONTRACT(RefreshTokenFilterContract);

}  // namespace latchkey::store::contract
