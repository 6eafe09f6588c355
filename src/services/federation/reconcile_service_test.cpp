#include "services/federation/reconcile_service.hpp"

#include <gtest/gtest.h>

#include "login_answer.hpp"

#include <atomic>
#include <thread>

#include "crypto/totp.hpp"
#include "jose/jws.hpp"
#include "service_fixture.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

class ReconcileServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto app = f.applications.create(
        f.admin(), std::nullopt, parse(R"({"name":"App","roles":[{"name":"user","isDefault":true},
                  {"name":"admin"}],"loginConfiguration":{"generateRefreshTokens":true}})"));
    ASSERT_TRUE(app);
    app_id = app->id.str();
    auto key = f.keys.import(std::nullopt, json::object{{"name", "Corp ES256"},
                                                        {"kid", "corp-es"},
                                                        {"publicKey", signer.public_pem()}});
    ASSERT_TRUE(key);
    key_id = key->id.str();
  }

  // A provider enabled for the application, with `extra` merged over the defaults.
  std::string add_provider(const std::string& extra = "{}") {
    json::object doc = parse(R"({"type":"ExternalJWT","name":"Corp","enabled":true,
        "headerKeyParameter":"kid"})");
    doc["verificationKeyIds"] = json::array{json::value(key_id)};
    doc["applicationConfiguration"] =
        json::object{{app_id, json::object{{"enabled", true}, {"createRegistration", true}}}};
    json::merge_patch(doc, parse(extra), json::ArrayMerge::kReplace);
    auto made = f.identity_providers.create(f.admin(), std::nullopt, std::move(doc));
    EXPECT_TRUE(made) << (made ? "" : made.error().log_detail());
    provider_id = made ? made->id.str() : "";
    return provider_id;
  }

  json::object claims(const std::string& sub, const std::string& email) const {
    const auto now = to_epoch_seconds(f.clock.now());
    return json::object{{"sub", sub}, {"email", email}, {"iat", now}, {"exp", now + 600}};
  }

  std::string sign(const json::object& payload, const std::string& kid = "corp-es",
                   const jose::Key* key = nullptr) const {
    return jose::sign(json::object{{"typ", "JWT"}, {"kid", kid}}, payload, key ? *key : signer);
  }

  Result<testing::LoginAnswer> reconcile(const std::string& token) {
    ReconcileRequest request;
    request.token = token;
    request.application_id = app_id;
    request.identity_provider_id = provider_id;
    request.ip_address = "10.0.0.9";
    return testing::answer(f.reconcile.reconcile(f.admin(), request));
  }

  static HttpStatus status_of(const Result<testing::LoginAnswer>& outcome) {
    return outcome ? outcome->status : outcome.error().http_status();
  }

  testing::ServiceFixture f;
  jose::Key signer = jose::Key::generate(jose::Algorithm::kES256);
  std::string app_id;
  std::string key_id;
  std::string provider_id;
};

TEST_F(ReconcileServiceTest, FirstReconcileCreatesRegistersAndLinksTheUser) {
  add_provider();
  const auto outcome = reconcile(sign(claims("ext-1", "Ann@Corp.io")));
  ASSERT_TRUE(outcome) << outcome.error().log_detail();
  EXPECT_EQ(outcome->status, HttpStatus::kOk);
  ASSERT_TRUE(outcome->access_token);
  EXPECT_EQ(json::get_string(outcome->access_token->claims, "authenticationType"), "FEDERATED_JWT");
  EXPECT_EQ(json::get_string(outcome->access_token->claims, "applicationId"), app_id);
  EXPECT_TRUE(outcome->refresh_token);
  ASSERT_TRUE(outcome->user);
  EXPECT_EQ(outcome->user->user.email, "ann@corp.io");
  ASSERT_EQ(outcome->user->registrations.size(), 1U);
  EXPECT_EQ(json::serialize(outcome->user->registrations[0].data.at("roles")), R"(["user"])");
  const auto link =
      f.store->find_identity_provider_link(*Uuid::parse(provider_id), f.default_tenant.id, "ext-1");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->user_id, outcome->user->user.id);
  // The link shows the address as the provider sent it.
  EXPECT_EQ(json::get_string(link->data, "displayName"), "Ann@Corp.io");
}

TEST_F(ReconcileServiceTest, SecondReconcileFindsTheSameUserThroughTheLink) {
  add_provider(R"({"claimMap":{"given_name":"firstName"}})");
  auto first_claims = claims("ext-1", "ann@corp.io");
  first_claims["given_name"] = "Ann";
  const auto first = reconcile(sign(first_claims));
  ASSERT_TRUE(first);
  // The email changed at the provider: the link, not the email, identifies the user.
  auto second_claims = claims("ext-1", "ann.lee@corp.io");
  second_claims["given_name"] = "Annie";
  const auto second = reconcile(sign(second_claims));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->user->user.id, first->user->user.id);
  EXPECT_EQ(json::get_string(second->user->user.data, "firstName"), "Annie");
  EXPECT_EQ(f.store->count_users(), 1U);
}

TEST_F(ReconcileServiceTest, ClaimMapLandsOnUserDataAndRegistration) {
  add_provider(R"({"claimMap":{"family":"lastName","dept":"RegistrationData","plan":"UserData",
                  "tz":"timezone"}})");
  auto payload = claims("ext-1", "ann@corp.io");
  payload["family"] = "Lee";
  payload["dept"] = "R&D";
  payload["plan"] = "gold";
  payload["tz"] = "America/Denver";
  const auto outcome = reconcile(sign(payload));
  ASSERT_TRUE(outcome);
  const auto stored = f.store->find_user(outcome->user->user.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(json::get_string(stored->data, "lastName"), "Lee");
  EXPECT_EQ(json::get_string(stored->data, "data.plan"), "gold");
  const auto registration = f.store->find_registration(stored->id, *Uuid::parse(app_id));
  ASSERT_TRUE(registration);
  EXPECT_EQ(json::get_string(registration->data, "data.dept"), "R&D");
  EXPECT_EQ(json::get_string(registration->data, "timezone"), "America/Denver");
}

TEST_F(ReconcileServiceTest, LinkByEmailLinksTheExistingUser) {
  add_provider();
  const auto existing = f.users.create(f.admin(), std::nullopt,
                                       parse(R"({"email":"bob@corp.io","password":"pw123456"})"));
  ASSERT_TRUE(existing);
  const auto outcome = reconcile(sign(claims("ext-bob", "BOB@corp.io")));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->user->user.id, existing->user.id);
  EXPECT_EQ(f.store->count_users(), 1U);
}

TEST_F(ReconcileServiceTest, UnverifiedEmailNeverLinks) {
  add_provider();
  auto payload = claims("ext-1", "ann@corp.io");
  payload["email_verified"] = false;
  EXPECT_EQ(status_of(reconcile(sign(payload))), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.store->count_users(), 0U);
}

TEST_F(ReconcileServiceTest, ForExistingUserStrategiesCreateNoOne) {
  add_provider(R"({"linkingStrategy":"LinkByEmailForExistingUser"})");
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kNotFound);
  EXPECT_EQ(f.store->count_users(), 0U);
}

TEST_F(ReconcileServiceTest, LinkByUsernameCreatesAUserWithThatUsername) {
  add_provider(R"({"linkingStrategy":"LinkByUsername"})");
  auto payload = claims("ext-1", "ann@corp.io");
  payload["preferred_username"] = "ann";
  const auto outcome = reconcile(sign(payload));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->user->user.username, "ann");
  EXPECT_FALSE(outcome->user->user.email);
  payload.erase("preferred_username");
  payload["sub"] = "ext-2";
  EXPECT_EQ(status_of(reconcile(sign(payload))), HttpStatus::kUnauthorized);
}

TEST_F(ReconcileServiceTest, LinkAnonymouslyNeedsNoEmailOrUsername) {
  add_provider(R"({"linkingStrategy":"LinkAnonymously"})");
  const auto now = to_epoch_seconds(f.clock.now());
  const auto outcome = reconcile(sign(json::object{{"sub", "anon-1"}, {"exp", now + 60}}));
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->user->user.email);
  EXPECT_FALSE(outcome->user->user.username);
}

TEST_F(ReconcileServiceTest, CreatePendingLinkAnswers232WithAPendingLinkId) {
  add_provider(R"({"linkingStrategy":"CreatePendingLink"})");
  const auto outcome = reconcile(sign(claims("ext-1", "ann@corp.io")));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kPendingLink);
  EXPECT_TRUE(json::get_string(outcome->body, "pendingIdPLinkId"));
  EXPECT_FALSE(outcome->access_token);
  EXPECT_EQ(f.store->count_users(), 0U);
}

TEST_F(ReconcileServiceTest, DisabledStrategyAndNoLinkAnswer404) {
  add_provider(R"({"linkingStrategy":"Disabled"})");
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kNotFound);
}

TEST_F(ReconcileServiceTest, WithoutCreateRegistrationTheLoginIsUnregistered) {
  add_provider();
  ASSERT_TRUE(f.identity_providers.patch(
      f.admin(), *Uuid::parse(provider_id),
      parse(R"({"applicationConfiguration":{")" + app_id + R"(":{"createRegistration":false}}})"),
      PatchStyle::kLegacyMerge));
  const auto outcome = reconcile(sign(claims("ext-1", "ann@corp.io")));
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, HttpStatus::kAccepted);
  EXPECT_FALSE(outcome->refresh_token);
  EXPECT_TRUE(outcome->user->registrations.empty());
}

TEST_F(ReconcileServiceTest, ExpiredAndLockedUsersGetTheLoginApiStatuses) {
  add_provider();
  const auto first = reconcile(sign(claims("ext-1", "ann@corp.io")));
  ASSERT_TRUE(first);
  auto user = *f.store->find_user(first->user->user.id);
  user.data["expiry"] = to_epoch_ms(f.clock.now()) - 1;
  ASSERT_TRUE(f.store->update_user(user));
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kGone);
  user.data.erase("expiry");
  ASSERT_TRUE(f.store->update_user(user));
  f.store->update_login_failures(user.id, {0, std::nullopt, f.clock.now() + std::chrono::hours(1)});
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kConflict);
}

TEST_F(ReconcileServiceTest, SecondFactorIsAskedAndTheCompletedLoginStaysFederated) {
  add_provider();
  const auto existing =
      f.users.create(f.admin(), std::nullopt, parse(R"({"email":"mfa@corp.io","password":"pw123456",
                "twoFactor":{"methods":[{"method":"authenticator","secret":"MTIzNDU2Nzg5MDEy"}]}})"));
  ASSERT_TRUE(existing);
  const auto first = reconcile(sign(claims("ext-mfa", "mfa@corp.io")));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, HttpStatus::kTwoFactorRequired);
  EXPECT_FALSE(first->access_token);
  const auto done =
      testing::answer(f.login.two_factor_login({*json::get_string(first->body, "twoFactorId"),
                                                crypto::totp("123456789012", f.clock.now()),
                                                std::nullopt,
                                                std::nullopt,
                                                false,
                                                {}}));
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, HttpStatus::kOk);
  EXPECT_EQ(json::get_string(done->access_token->claims, "authenticationType"), "FEDERATED_JWT");
  EXPECT_EQ(json::get_string(done->access_token->claims, "applicationId"), app_id);
}

// Keeps every raised event, to check what reconcile tells webhooks.
class RecordingEventSink final : public EventSink {
 public:
  Status raise(const Uuid&, const json::object& event) override {
    events.push_back(event);
    return {};
  }
  std::vector<json::object> events;
};

TEST_F(ReconcileServiceTest, RaisesLinkAndLoginSuccessEventsNamingTheProvider) {
  add_provider();
  RecordingEventSink sink;
  LoginService login{*f.store,         f.config, f.clock, f.hasher, f.tokens,
                     f.refresh_tokens, f.vault,  f.users, sink,     f.throttle};
  ReconcileService reconcile{*f.store, f.config, f.clock, f.vault, f.registrations, login, sink};
  ReconcileRequest request;
  request.token = sign(claims("ext-1", "ann@corp.io"));
  request.application_id = app_id;
  request.identity_provider_id = provider_id;
  ASSERT_TRUE(testing::answer(reconcile.reconcile(f.admin(), request)));
  ASSERT_EQ(sink.events.size(), 2U);
  EXPECT_EQ(json::get_string(sink.events[0], "type"), "user.identity-provider.link");
  EXPECT_EQ(json::get_string(sink.events[0], "identityProviderLink.identityProviderUserId"),
            "ext-1");
  EXPECT_EQ(json::get_string(sink.events[1], "type"), "user.login.success");
  EXPECT_EQ(json::get_string(sink.events[1], "identityProviderId"), provider_id);
  EXPECT_EQ(json::get_string(sink.events[1], "identityProviderName"), "Corp");
  EXPECT_EQ(json::get_string(sink.events[1], "authenticationType"), "FEDERATED_JWT");
  // The second reconcile makes no new link.
  sink.events.clear();
  ASSERT_TRUE(testing::answer(reconcile.reconcile(f.admin(), request)));
  ASSERT_EQ(sink.events.size(), 1U);
  EXPECT_EQ(json::get_string(sink.events[0], "type"), "user.login.success");
}

TEST_F(ReconcileServiceTest, ConcurrentFirstReconcilesOfOneIdentityMakeOneUser) {
  add_provider();
  constexpr int kThreads = 8;
  const std::string token = sign(claims("ext-race", "race@corp.io"));
  std::vector<std::optional<Result<testing::LoginAnswer>>> results(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ready.fetch_add(1);
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      results[static_cast<std::size_t>(i)] = reconcile(token);
    });
  }
  for (auto& thread : threads) thread.join();
  std::optional<Uuid> user_id;
  for (const auto& result : results) {
    ASSERT_TRUE(*result) << result->error().log_detail();
    if (!user_id) user_id = (*result)->user->user.id;
    EXPECT_EQ((*result)->user->user.id, *user_id);
  }
  EXPECT_EQ(f.store->count_users(), 1U);
  EXPECT_EQ(f.store->list_registrations(*user_id).size(), 1U);
}

// --- every reason for a 401 -----------------------------------------------------------------

TEST_F(ReconcileServiceTest, UnknownApplicationOrProviderIs401) {
  add_provider();
  const std::string token = sign(claims("ext-1", "ann@corp.io"));
  const std::string real_app = app_id;
  app_id = "00000000-0000-4000-8000-000000000bad";
  EXPECT_EQ(status_of(reconcile(token)), HttpStatus::kUnauthorized);
  app_id = "not-a-uuid";
  EXPECT_EQ(status_of(reconcile(token)), HttpStatus::kUnauthorized);
  app_id = real_app;
  provider_id = "00000000-0000-4000-8000-000000000bad";
  EXPECT_EQ(status_of(reconcile(token)), HttpStatus::kUnauthorized);
}

TEST_F(ReconcileServiceTest, DisabledProviderOrApplicationIs401) {
  add_provider(R"({"enabled":false})");
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kUnauthorized);
  ASSERT_TRUE(f.identity_providers.patch(f.admin(), *Uuid::parse(provider_id),
                                         parse(R"({"enabled":true,"applicationConfiguration":{")" +
                                               app_id + R"(":{"enabled":false}}})"),
                                         PatchStyle::kLegacyMerge));
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io")))), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.store->count_users(), 0U);
}

TEST_F(ReconcileServiceTest, BadSignatureUnknownKidAndExpiredAre401) {
  add_provider();
  const auto forger = jose::Key::generate(jose::Algorithm::kES256);
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io"), "corp-es", &forger))),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io"), "other-kid"))),
            HttpStatus::kUnauthorized);
  const std::string token = sign(claims("ext-1", "ann@corp.io"));
  f.clock.advance(std::chrono::minutes(11));
  EXPECT_EQ(status_of(reconcile(token)), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.store->count_users(), 0U);
}

TEST_F(ReconcileServiceTest, OnlyTheProvidersOwnKeysVerify) {
  add_provider();
  // A key Latchkey holds (the default HS256 signing key) is not one of the provider's keys.
  const auto* own = f.config.current()->default_signing_key();
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io"), own->record.kid, &*own->key))),
            HttpStatus::kUnauthorized);
}

TEST_F(ReconcileServiceTest, AlgorithmSwapToHmacWithThePublicKeyIs401) {
  add_provider();
  auto hmac = jose::Key::hmac(jose::Algorithm::kHS256, signer.public_pem());
  ASSERT_TRUE(hmac);
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@corp.io"), "corp-es", &*hmac))),
            HttpStatus::kUnauthorized);
}

TEST_F(ReconcileServiceTest, AlgNoneIs401) {
  add_provider();
  const std::string header =
      "eyJhbGciOiJub25lIiwia2lkIjoiY29ycC1lcyJ9";  // {"alg":"none","kid":...}
  const std::string signed_token = sign(claims("ext-1", "ann@corp.io"));
  const auto first_dot = signed_token.find('.');
  const auto last_dot = signed_token.rfind('.');
  const std::string unsigned_token =
      header + signed_token.substr(first_dot, last_dot - first_dot) + ".";
  EXPECT_EQ(status_of(reconcile(unsigned_token)), HttpStatus::kUnauthorized);
}

TEST_F(ReconcileServiceTest, EmailOutsideTheManagedDomainsIs401) {
  add_provider(R"({"domains":["corp.io"]})");
  EXPECT_EQ(status_of(reconcile(sign(claims("ext-1", "ann@elsewhere.io")))),
            HttpStatus::kUnauthorized);
  EXPECT_TRUE(reconcile(sign(claims("ext-2", "ann@CORP.io"))));
}

TEST_F(ReconcileServiceTest, HeaderWithoutTheKeyParameterUsesTheDefaultKey) {
  add_provider(R"({"headerKeyParameter":"x5t"})");
  // No x5t in the header (only a kid, which this provider does not look at).
  EXPECT_TRUE(reconcile(sign(claims("ext-1", "ann@corp.io"), "anything")));
}

TEST_F(ReconcileServiceTest, MissingTokenAndIdsAre400) {
  add_provider();
  ReconcileRequest request;
  const auto outcome = testing::answer(f.reconcile.reconcile(f.admin(), request));
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().http_status(), HttpStatus::kBadRequest);
  EXPECT_TRUE(outcome.error().has_field_error("encodedJWT", "[missing]encodedJWT"));
  EXPECT_TRUE(outcome.error().has_field_error("identityProviderId", "[missing]identityProviderId"));
}

}  // namespace
}  // namespace latchkey::services
