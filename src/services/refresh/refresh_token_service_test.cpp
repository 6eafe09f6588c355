// Exchange, rotation, grace, reuse detection, revocation policies and the revoke/retrieve
// rules of RefreshTokenService, on a real SQLite file with a FakeClock (nothing sleeps).
#include "services/refresh/refresh_token_service.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "services/refresh/refresh_token_test_support.hpp"

namespace latchkey::services {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// The payload of a compact JWS, unverified: the tests only read what was issued.
json::object claims_of(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  return *json::parse_object(*base64::decode_url(token.substr(first + 1, second - first - 1)));
}

// --- Reusable ------------------------------------------------------------------------------

TEST_F(RefreshTokenTest, ReusableExchangeKeepsTheValueAndTheId) {
  const auto app = make_app();
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first) << first.error().log_detail();
  EXPECT_EQ(first->refresh_token, issued.value);
  EXPECT_EQ(first->record.id, issued.record.id);
  const auto second = exchange(issued.value);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->refresh_token, issued.value);
}

TEST_F(RefreshTokenTest, EveryExchangeRecordsLastAccessedInstantAndAddress) {
  const auto app = make_app();
  const auto issued = issue(app, make_user(app));
  f.clock.advance(minutes(5));
  ASSERT_TRUE(exchange(issued.value));
  const auto stored = f.store->find_refresh_token(issued.record.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(json::get_int(stored->data, "metaData.device.lastAccessedInstant"),
            to_epoch_ms(f.clock.now()));
  EXPECT_EQ(json::get_string(stored->data, "metaData.device.lastAccessedAddress"), "192.0.2.7");
  EXPECT_EQ(json::get_string(stored->data, "metaData.device.name"), "Ann's phone");
}

TEST_F(RefreshTokenTest, RefreshedAccessTokenCarriesSidAuthTimeScopeAndAudience) {
  const auto app = make_app();
  const auto issued = issue(app, make_user(app));
  f.clock.advance(minutes(10));
  const auto exchanged = exchange(issued.value);
  ASSERT_TRUE(exchanged);
  const auto claims = claims_of(exchanged->access_token.token);
  EXPECT_EQ(json::get_string(claims, "authenticationType"), "REFRESH_TOKEN");
  EXPECT_EQ(json::get_string(claims, "sid"), issued.record.id.str());
  EXPECT_EQ(json::get_string(claims, "aud"), app.id.str());
  EXPECT_EQ(json::get_string(claims, "applicationId"), app.id.str());
  EXPECT_EQ(json::get_string(claims, "scope"), "offline_access email");
  // The login happened a minute before issuance (the fixture's auth_time), not now.
  EXPECT_EQ(json::get_int(claims, "auth_time"),
            to_epoch_seconds(issued.record.insert_instant - minutes(1)));
  EXPECT_TRUE(json::get_array(claims, "roles"));
}

TEST_F(RefreshTokenTest, AnUnregisteredUsersTokenHasAudienceButNoApplicationIdOrRoles) {
  const auto app = make_app();
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  ASSERT_TRUE(f.registrations.remove(f.admin(), user.id, app.id));
  const auto exchanged = exchange(issued.value);
  ASSERT_TRUE(exchanged);
  const auto claims = claims_of(exchanged->access_token.token);
  EXPECT_EQ(json::get_string(claims, "aud"), app.id.str());
  EXPECT_FALSE(claims.contains("applicationId"));
  EXPECT_FALSE(claims.contains("roles"));
}

// --- Expiration policies -----------------------------------------------------------------------

TEST_F(RefreshTokenTest, FixedTokenDiesAtStartPlusTtlHoweverOftenItIsUsed) {
  const auto app = make_app(R"({"refreshTokenExpirationPolicy":"Fixed"})");
  const auto issued = issue(app, make_user(app));
  f.clock.advance(minutes(50));
  ASSERT_TRUE(exchange(issued.value));
  f.clock.advance(minutes(9));
  const auto last = exchange(issued.value);
  ASSERT_TRUE(last);
  EXPECT_EQ(last->refresh_expires, issued.record.start_instant + minutes(60));
  f.clock.advance(minutes(2));
  const auto dead = exchange(issued.value);
  ASSERT_FALSE(dead);
  EXPECT_TRUE(is_invalid_refresh_token(dead.error()));
}

TEST_F(RefreshTokenTest, SlidingWindowTokenLivesWhileUsedAndDiesAfterAnIdleTtl) {
  const auto app = make_app(R"({"refreshTokenExpirationPolicy":"SlidingWindow"})");
  const auto issued = issue(app, make_user(app));
  for (int i = 0; i < 5; ++i) {
    f.clock.advance(minutes(50));
    const auto used = exchange(issued.value);
    ASSERT_TRUE(used) << "use " << i;
    EXPECT_EQ(used->record.start_instant, f.clock.now());
  }
  f.clock.advance(minutes(60));
  EXPECT_FALSE(exchange(issued.value));
}

TEST_F(RefreshTokenTest, SlidingWindowWithMaximumLifetimeStopsAtTheMaximum) {
  const auto app = make_app(
      R"({"refreshTokenExpirationPolicy":"SlidingWindowWithMaximumLifetime",
          "refreshTokenSlidingWindowConfiguration":{"maximumTimeToLiveInMinutes":120}})");
  const auto issued = issue(app, make_user(app));
  f.clock.advance(minutes(50));
  ASSERT_TRUE(exchange(issued.value));
  f.clock.advance(minutes(50));
  const auto capped = exchange(issued.value);
  ASSERT_TRUE(capped);
  EXPECT_EQ(capped->refresh_expires, issued.record.insert_instant + minutes(120));
  f.clock.advance(minutes(19));
  ASSERT_TRUE(exchange(issued.value));
  f.clock.advance(minutes(1));
  EXPECT_FALSE(exchange(issued.value));
}

// --- One-time use ------------------------------------------------------------------------------

TEST_F(RefreshTokenTest, OneTimeUseGivesANewValueUnderTheSameIdAndKillsTheOldOne) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first);
  EXPECT_NE(first->refresh_token, issued.value);
  EXPECT_EQ(first->record.id, issued.record.id);
  const auto replayed = exchange(issued.value);
  ASSERT_FALSE(replayed);
  EXPECT_TRUE(is_invalid_refresh_token(replayed.error()));
  const auto second = exchange(first->refresh_token);
  ASSERT_TRUE(second);
  EXPECT_NE(second->refresh_token, first->refresh_token);
}

TEST_F(RefreshTokenTest, OneTimeUseUnderFixedDoesNotExtendTheLifetime) {
  const auto app = make_app(
      R"({"refreshTokenUsagePolicy":"OneTimeUse","refreshTokenExpirationPolicy":"Fixed"})");
  const auto issued = issue(app, make_user(app));
  std::string value = issued.value;
  for (int i = 0; i < 5; ++i) {
    f.clock.advance(minutes(11));
    const auto next = exchange(value);
    ASSERT_TRUE(next);
    EXPECT_EQ(next->record.start_instant, issued.record.start_instant);
    EXPECT_EQ(next->refresh_expires, issued.record.start_instant + minutes(60));
    value = next->refresh_token;
  }
  f.clock.advance(minutes(6));
  EXPECT_FALSE(exchange(value));
}

TEST_F(RefreshTokenTest, NoValueIsStoredInTheClear) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  const auto next = exchange(issued.value);
  ASSERT_TRUE(next);
  const auto stored = f.store->find_refresh_token(issued.record.id);
  ASSERT_TRUE(stored);
  for (const auto& value : {issued.value, next->refresh_token}) {
    EXPECT_EQ(stored->token_hash.find(value), std::string::npos);
    EXPECT_EQ(stored->token_sealed.find(value), std::string::npos);
    EXPECT_EQ(json::serialize(stored->data).find(value), std::string::npos);
  }
  EXPECT_EQ(service.reveal(*stored), next->refresh_token);
}

// --- Grace period and reuse detection -----------------------------------------------------

TEST_F(RefreshTokenTest, RetryInsideTheGraceWindowReturnsTheSameSuccessor) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse",
      "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":30}})");
  const auto issued = issue(app, make_user(app));
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first);
  f.clock.advance(seconds(10));
  const auto retry = exchange(issued.value);
  ASSERT_TRUE(retry) << retry.error().log_detail();
  EXPECT_EQ(retry->refresh_token, first->refresh_token);
  f.clock.advance(seconds(20));
  const auto again = exchange(issued.value);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->refresh_token, first->refresh_token);
  // The successor is still the one live value.
  const auto next = exchange(first->refresh_token);
  ASSERT_TRUE(next);
  EXPECT_NE(next->refresh_token, first->refresh_token);
}

TEST_F(RefreshTokenTest, ReplayAfterTheGraceWindowRevokesTheWholeToken) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse",
      "refreshTokenOneTimeUseConfiguration":{"gracePeriodInSeconds":30}})");
  const auto issued = issue(app, make_user(app));
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first);
  f.clock.advance(seconds(31));
  const auto replay = exchange(issued.value);
  ASSERT_FALSE(replay);
  EXPECT_TRUE(is_invalid_refresh_token(replay.error()));
  EXPECT_NE(replay.error().log_detail().find("reuse detected"), std::string::npos);
  // The successor, held by whoever rotated it, is dead too.
  EXPECT_FALSE(exchange(first->refresh_token));
  EXPECT_FALSE(f.store->find_refresh_token(issued.record.id));
  const auto revoked = events.of_type("jwt.refresh-token.revoke");
  ASSERT_EQ(revoked.size(), 1U);
  EXPECT_EQ(json::get_string(revoked[0], "info.data.reason"), "OneTimeTokenReuse");
  EXPECT_EQ(json::get_string(revoked[0], "refreshToken.id"), issued.record.id.str());
}

TEST_F(RefreshTokenTest, ReplayOfAnOlderValueRevokesTheWholeToken) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  const auto b = exchange(issued.value);
  ASSERT_TRUE(b);
  f.clock.advance(minutes(1));
  const auto c = exchange(b->refresh_token);
  ASSERT_TRUE(c);
  f.clock.advance(minutes(1));
  EXPECT_FALSE(exchange(issued.value));
  EXPECT_FALSE(exchange(c->refresh_token));
}

TEST_F(RefreshTokenTest, WithReuseRevocationOffAReplayIsOnlyRefused) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse",
      "refreshTokenRevocationPolicy":{"onOneTimeTokenReuse":false}})");
  const auto issued = issue(app, make_user(app));
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first);
  f.clock.advance(minutes(5));
  const auto replay = exchange(issued.value);
  ASSERT_FALSE(replay);
  EXPECT_TRUE(is_invalid_refresh_token(replay.error()));
  EXPECT_TRUE(exchange(first->refresh_token));
  EXPECT_TRUE(events.of_type("jwt.refresh-token.revoke").empty());
}

TEST_F(RefreshTokenTest, AConcurrentDuplicateIsRefusedWithoutRevoking) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  const auto first = exchange(issued.value);
  ASSERT_TRUE(first);
  EXPECT_FALSE(exchange(issued.value));  // same instant: a racing duplicate, not a replay
  EXPECT_TRUE(exchange(first->refresh_token));
}

// --- The jwt.refresh event ------------------------------------------------------------------

TEST_F(RefreshTokenTest, RefreshEventCarriesEveryFieldOfTheSeed) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  const auto previous = f.tokens.issue_access_token(
      {&f.default_tenant, &app, &user, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(previous);
  const auto exchanged = exchange(issued.value, previous->token);
  ASSERT_TRUE(exchanged);
  const auto raised = events.of_type("jwt.refresh");
  ASSERT_EQ(raised.size(), 1U);
  const auto& event = raised[0];
  EXPECT_TRUE(json::get_string(event, "id"));
  EXPECT_EQ(json::get_int(event, "createInstant"), to_epoch_ms(f.clock.now()));
  EXPECT_EQ(json::get_string(event, "tenantId"), user.tenant_id.str());
  EXPECT_EQ(json::get_string(event, "applicationId"), app.id.str());
  EXPECT_EQ(json::get_string(event, "original"), previous->token);
  EXPECT_EQ(json::get_string(event, "token"), exchanged->access_token.token);
  EXPECT_EQ(json::get_string(event, "refreshToken"), exchanged->refresh_token);
  EXPECT_EQ(json::get_string(event, "userId"), user.id.str());
  EXPECT_EQ(json::get_string(event, "info.ipAddress"), "192.0.2.7");
  EXPECT_EQ(json::get_string(event, "info.userAgent"), "test-agent/1.0");
  EXPECT_EQ(json::get_string(event, "info.deviceName"), "Ann's phone");
  EXPECT_EQ(json::get_string(event, "info.deviceType"), "MOBILE");
}

TEST_F(RefreshTokenTest, RefreshEventRelaysOnlyOurAccessTokenOfThatUser) {
  // Security: `original` tells receivers "the access token this refresh replaces"; a string that
  // is not one Latchkey issued to this user (expired is fine) is not passed on as if it were.
  const auto app = make_app();
  const auto user = make_user(app);
  const auto other = make_user(app, "bob@x.io");
  const auto bobs = f.tokens.issue_access_token(
      {&f.default_tenant, &app, &other, nullptr, "PASSWORD", {}, {}, {}, {}});
  const auto anns = f.tokens.issue_access_token(
      {&f.default_tenant, &app, &user, nullptr, "PASSWORD", {}, {}, {}, {}});
  ASSERT_TRUE(bobs && anns);
  f.clock.advance(std::chrono::hours(2));  // both expired
  ASSERT_TRUE(exchange(issue(app, user).value, "previous.access.token"));
  ASSERT_TRUE(exchange(issue(app, user).value, bobs->token));
  ASSERT_TRUE(exchange(issue(app, user).value, anns->token));
  const auto raised = events.of_type("jwt.refresh");
  ASSERT_EQ(raised.size(), 3U);
  EXPECT_FALSE(raised[0].contains("original"));
  EXPECT_FALSE(raised[1].contains("original"));
  EXPECT_EQ(json::get_string(raised[2], "original"), anns->token);
}

TEST_F(RefreshTokenTest, RefreshEventOmitsOriginalWhenNoTokenWasSent) {
  const auto app = make_app();
  ASSERT_TRUE(exchange(issue(app, make_user(app)).value));
  const auto raised = events.of_type("jwt.refresh");
  ASSERT_EQ(raised.size(), 1U);
  EXPECT_FALSE(raised[0].contains("original"));
}

TEST_F(RefreshTokenTest, ARefusedRefreshEventLeavesTheTokenUnrotated) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto issued = issue(app, make_user(app));
  events.refuse = true;
  const auto refused = exchange(issued.value);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().http_status(), HttpStatus::kGatewayTimeout);
  events.refuse = false;
  const auto stored = f.store->find_refresh_token(issued.record.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->token_hash, issued.record.token_hash);
  EXPECT_TRUE(exchange(issued.value));
}

// --- Refusals --------------------------------------------------------------------------------

TEST_F(RefreshTokenTest, AnApplicationThatDisallowsRefreshAnswersDisabled) {
  const auto app = make_app("{}", false);
  const auto refused = exchange(issue(app, make_user(app)).value);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("refreshToken", "[disabled]refreshToken"));
}

TEST_F(RefreshTokenTest, UnknownAndMissingTokensAreRefused) {
  const auto unknown = exchange("not-a-refresh-token");
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(is_invalid_refresh_token(unknown.error()));
  const auto missing = exchange("");
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error().has_field_error("refreshToken", "[missing]refreshToken"));
}

TEST_F(RefreshTokenTest, ADeletedUsersTokenIsRefused) {
  const auto app = make_app();
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  ASSERT_TRUE(f.users.remove(f.admin(), user.id, false));  // soft delete: deactivated
  EXPECT_FALSE(exchange(issued.value));
}

TEST_F(RefreshTokenTest, ALockedUserIsRefusedAndLosesTokensUnderOnLoginPrevented) {
  const auto app = make_app();
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  const auto other = issue(app, user);
  f.store->update_login_failures(user.id, {0, std::nullopt, f.clock.now() + minutes(5)});
  EXPECT_FALSE(exchange(issued.value));
  EXPECT_FALSE(f.store->find_refresh_token(other.record.id));
}

TEST_F(RefreshTokenTest, WithOnLoginPreventedOffALockedUserKeepsTokensForAfterTheLock) {
  const auto app = make_app(R"({"refreshTokenRevocationPolicy":{"onLoginPrevented":false}})");
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  f.store->update_login_failures(user.id, {0, std::nullopt, f.clock.now() + minutes(5)});
  EXPECT_FALSE(exchange(issued.value));
  f.clock.advance(minutes(6));
  EXPECT_TRUE(exchange(issued.value));
}

// --- Revocation policies ------------------------------------------------------------------

TEST_F(RefreshTokenTest, PasswordChangeRevokesPerEachApplicationsPolicy) {
  const auto strict = make_app();
  const auto lenient = make_app(R"({"refreshTokenRevocationPolicy":{"onPasswordChanged":false}})");
  const auto user = make_user(strict);
  register_user(user, lenient);
  const auto a = issue(strict, user);
  const auto b = issue(lenient, user);
  const auto revoked = service.revoke_for_user(user.id, RevocationReason::kPasswordChanged);
  ASSERT_TRUE(revoked);
  EXPECT_EQ(*revoked, 1U);
  EXPECT_FALSE(f.store->find_refresh_token(a.record.id));
  EXPECT_TRUE(f.store->find_refresh_token(b.record.id));
  const auto raised = events.of_type("jwt.refresh-token.revoke");
  ASSERT_EQ(raised.size(), 1U);
  EXPECT_EQ(json::get_string(raised[0], "userId"), user.id.str());
  EXPECT_EQ(json::get_string(raised[0], "info.data.reason"), "PasswordChanged");
  EXPECT_EQ(json::get_int(raised[0], "applicationTimeToLiveInSeconds." + strict.id.str()), 600);
}

TEST_F(RefreshTokenTest, LoginPreventedRevokesUnlessTheTenantTurnedItOff) {
  const auto app = make_app();
  const auto user = make_user(app);
  const auto a = issue(app, user);
  EXPECT_EQ(service.revoke_for_user(user.id, RevocationReason::kLoginPrevented).value_or(0), 1U);
  EXPECT_FALSE(f.store->find_refresh_token(a.record.id));
}

// --- Revoke and retrieve -------------------------------------------------------------------

TEST_F(RefreshTokenTest, RevokeByIdRemovesTheTokenAndRaisesTheEvent) {
  const auto app = make_app();
  const auto issued = issue(app, make_user(app));
  ASSERT_TRUE(service.revoke(f.admin(), std::nullopt, {issued.record.id, {}, {}, {}}, {}));
  EXPECT_FALSE(exchange(issued.value));
  const auto raised = events.of_type("jwt.refresh-token.revoke");
  ASSERT_EQ(raised.size(), 1U);
  EXPECT_EQ(json::get_string(raised[0], "refreshToken.id"), issued.record.id.str());
  EXPECT_FALSE(json::find(raised[0], "refreshToken.token"));
}

TEST_F(RefreshTokenTest, AJwtMayRevokeOnlyItsOwnersTokens) {
  const auto app = make_app();
  const auto ann = make_user(app);
  const auto bob = make_user(app, "bob@x.io");
  const auto annes = issue(app, ann);
  const auto denied = service.revoke(f.admin(), bob.id, {{}, annes.value, {}, {}}, {});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().http_status(), HttpStatus::kNotFound);
  const auto bulk = service.revoke(f.admin(), ann.id, {{}, {}, ann.id, {}}, {});
  ASSERT_FALSE(bulk);
  EXPECT_EQ(bulk.error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_TRUE(service.revoke(f.admin(), ann.id, {{}, annes.value, {}, {}}, {}));
  EXPECT_FALSE(f.store->find_refresh_token(annes.record.id));
}

TEST_F(RefreshTokenTest, RevokeByUserAndApplicationTouchesOnlyThatPair) {
  const auto one = make_app();
  const auto two = make_app();
  const auto user = make_user(one);
  register_user(user, two);
  const auto a = issue(one, user);
  const auto b = issue(two, user);
  ASSERT_TRUE(service.revoke(f.admin(), std::nullopt, {{}, {}, user.id, one.id}, {}));
  EXPECT_FALSE(f.store->find_refresh_token(a.record.id));
  EXPECT_TRUE(f.store->find_refresh_token(b.record.id));
  ASSERT_TRUE(service.revoke(f.admin(), std::nullopt, {{}, {}, {}, two.id}, {}));
  EXPECT_FALSE(f.store->find_refresh_token(b.record.id));
}

TEST_F(RefreshTokenTest, RevokeWithoutASelectorIsAGeneralInvalidError) {
  const auto none = service.revoke(f.admin(), std::nullopt, {}, {});
  ASSERT_FALSE(none);
  EXPECT_TRUE(none.error().has_general_error("[invalid]"));
}

TEST_F(RefreshTokenTest, RevokeOfSomethingUnknownIs404) {
  const auto random = Uuid::parse("5e3a1f62-8c3d-4a57-9b7e-2f0c1d9e8a11").value();
  for (const RevokeSelector& selector :
       {RevokeSelector{random, {}, {}, {}}, RevokeSelector{{}, "nope", {}, {}},
        RevokeSelector{{}, {}, random, {}}, RevokeSelector{{}, {}, {}, random}}) {
    const auto answer = service.revoke(f.admin(), std::nullopt, selector, {});
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().http_status(), HttpStatus::kNotFound);
  }
}

TEST_F(RefreshTokenTest, RetrieveRevealsTheCurrentValueAndHidesExpiredTokens) {
  const auto app = make_app(R"({"refreshTokenUsagePolicy":"OneTimeUse"})");
  const auto user = make_user(app);
  const auto issued = issue(app, user);
  const auto next = exchange(issued.value);
  ASSERT_TRUE(next);
  const auto view = service.retrieve(f.admin(), issued.record.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->value, next->refresh_token);
  const auto json = refresh_token_json(view->record, view->value);
  EXPECT_EQ(json::get_string(json, "token"), next->refresh_token);
  EXPECT_FALSE(json.contains("latchkey"));
  EXPECT_EQ(service.retrieve_for_user(f.admin(), user.id)->size(), 1U);
  f.clock.advance(minutes(61));
  EXPECT_FALSE(service.retrieve(f.admin(), issued.record.id));
  EXPECT_TRUE(service.retrieve_for_user(f.admin(), user.id)->empty());
}

}  // namespace
}  // namespace latchkey::services
