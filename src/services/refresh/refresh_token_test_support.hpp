#pragma once
// For refresh-token tests only: a RefreshTokenService over ServiceFixture's real SQLite store
// and FakeClock, with an event sink that records (and can refuse) what is raised, and helpers
// to make applications with a given jwtConfiguration, registered users and tokens.

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "service_fixture.hpp"
#include "services/refresh/refresh_token_service.hpp"

namespace latchkey::services {

class RecordingEventSink final : public EventSink {
 public:
  Status raise(const Uuid&, const json::object& event) override {
    const std::lock_guard lock(mutex_);
    if (refuse) {
      return fail(Error::general(HttpStatus::kGatewayTimeout, "[WebhookTransactionException]",
                                 "A webhook refused the event."));
    }
    events_.push_back(event);
    return {};
  }
  std::vector<json::object> of_type(std::string_view type) {
    const std::lock_guard lock(mutex_);
    std::vector<json::object> out;
    for (const auto& event : events_) {
      if (json::get_string(event, "type") == type) out.push_back(event);
    }
    return out;
  }
  bool refuse = false;

 private:
  std::mutex mutex_;
  std::vector<json::object> events_;
};

class RefreshTokenTest : public ::testing::Test {
 protected:
  // An application that issues and exchanges refresh tokens under `jwt` (merged over a
  // 60-minute TTL), with a default role.
  domain::Application make_app(const std::string& jwt = "{}", bool allow_refresh = true) {
    json::object config = testing::parse(
        R"({"enabled":true,"timeToLiveInSeconds":600,"refreshTokenTimeToLiveInMinutes":60})");
    for (const auto& [key, value] : testing::parse(jwt)) config[key] = value;
    json::object app{
        {"name", "App " + std::to_string(++apps_)},
        {"roles", testing::parse(R"({"r":[{"name":"user","isDefault":true}]})").at("r")},
        {"loginConfiguration",
         json::object{{"generateRefreshTokens", true}, {"allowTokenRefresh", allow_refresh}}},
        {"jwtConfiguration", config}};
    auto made = f.applications.create(f.admin(), std::nullopt, app);
    EXPECT_TRUE(made) << (made ? "" : made.error().log_detail());
    return *made;
  }

  domain::User make_user(const domain::Application& app, const std::string& email = "ann@x.io") {
    auto made = f.registrations.create(
        f.admin(), {std::nullopt, json::object{{"applicationId", app.id.str()}},
                    json::object{{"email", email}, {"password", "password1"}}, false});
    EXPECT_TRUE(made);
    return made->user.user;
  }

  void register_user(const domain::User& user, const domain::Application& app) {
    ASSERT_TRUE(f.registrations.create(
        f.admin(), {user.id, json::object{{"applicationId", app.id.str()}}, std::nullopt, false}));
  }

  IssuedRefreshToken issue(const domain::Application& app, const domain::User& user) {
    const auto snapshot = f.config.current();
    return service.issue({snapshot->find_tenant(user.tenant_id), &app, &user,
                          testing::parse(R"({"name":"Ann's phone","type":"MOBILE"})"),
                          json::array{"offline_access", "email"}, "10.0.0.1", std::nullopt,
                          f.clock.now() - std::chrono::minutes(1)});
  }

  Result<RefreshExchange> exchange(const std::string& value,
                                   std::optional<std::string> previous = std::nullopt) {
    return service.exchange(f.admin(), {value, std::move(previous), std::nullopt,
                                        EventInfo{"192.0.2.7", "test-agent/1.0"}});
  }

  testing::ServiceFixture f;
  RecordingEventSink events;
  RefreshTokenService service{*f.store, f.config, f.clock, f.vault, f.tokens, events};

 private:
  int apps_ = 0;
};

inline bool is_invalid_refresh_token(const Error& error) {
  return error.http_status() == HttpStatus::kBadRequest &&
         error.has_field_error("refreshToken", "[invalid]refreshToken");
}

}  // namespace latchkey::services
