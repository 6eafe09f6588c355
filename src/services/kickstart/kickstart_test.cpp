#include "services/kickstart/kickstart.hpp"

#include <gtest/gtest.h>

namespace latchkey::services {
namespace {

const Uuid kDefaultTenant = *Uuid::parse("11111111-1111-4111-8111-111111111111");

EnvironmentLookup environment(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

TEST(Kickstart, SubstitutesVariablesEnvironmentAndBuiltIns) {
  const auto plan = parse_kickstart(R"({
    "variables": {"key": "#{ENV.KEY}", "appId": "#{UUID()}", "name": "App #{key}"},
    "apiKeys": [{"key": "#{key}", "description": "boot"}],
    "requests": [{"method": "POST", "url": "/api/application/#{appId}",
                  "tenantId": "#{FUSIONAUTH_TENANT_ID}",
                  "body": {"application": {"name": "#{name}", "note": "\\#{literal}"}}}]
  })",
                                    environment({{"KEY", "secret-1"}}), kDefaultTenant);
  ASSERT_TRUE(plan.has_value()) << plan.error().general_errors().front().message;
  EXPECT_EQ(json::get_string(plan->api_keys[0], "key"), "secret-1");
  EXPECT_EQ(json::get_string(plan->api_keys[0], "metaData.attributes.description"), "boot");
  ASSERT_EQ(plan->requests.size(), 1U);
  EXPECT_TRUE(plan->requests[0].url.starts_with("/api/application/"));
  EXPECT_TRUE(Uuid::parse(plan->requests[0].url.substr(17)).has_value());
  EXPECT_EQ(plan->requests[0].tenant_id, kDefaultTenant.str());
  const auto body = json::parse_object(plan->requests[0].body);
  EXPECT_EQ(json::get_string(*body, "application.name"), "App secret-1");
  EXPECT_EQ(json::get_string(*body, "application.note"), "#{literal}");
}

TEST(Kickstart, DefaultTenantIdVariableRenamesTheDefaultTenant) {
  const auto plan = parse_kickstart(R"({
    "variables": {"defaultTenantId": "22222222-2222-4222-8222-222222222222"},
    "apiKeys": [{"key": "k-0123456789"}],
    "requests": [{"method": "PATCH", "url": "/api/tenant/#{FUSIONAUTH_TENANT_ID}", "body": {}}]
  })",
                                    environment({}), kDefaultTenant);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->default_tenant_id->str(), "22222222-2222-4222-8222-222222222222");
  EXPECT_EQ(plan->requests[0].url, "/api/tenant/22222222-2222-4222-8222-222222222222");
}

TEST(Kickstart, UnknownVariableOrMissingEnvironmentStopsStartUp) {
  EXPECT_FALSE(
      parse_kickstart(R"({"apiKeys":[{"key":"#{nope}"}]})", environment({}), kDefaultTenant));
  EXPECT_FALSE(parse_kickstart(R"({"apiKeys":[{"key":"#{ENV.MISSING}"}]})", environment({}),
                               kDefaultTenant));
}

TEST(Kickstart, TheFirstKeyMustBeGlobalAndUnrestricted) {
  EXPECT_FALSE(parse_kickstart(
      R"({"apiKeys":[{"key":"k","permissions":{"endpoints":{"/api/user":["GET"]}}}]})",
      environment({}), kDefaultTenant));
  EXPECT_FALSE(parse_kickstart(R"({"apiKeys":[]})", environment({}), kDefaultTenant));
}

TEST(Kickstart, OnlyPostPutAndPatchRequestsAreAllowed) {
  EXPECT_FALSE(parse_kickstart(
      R"({"apiKeys":[{"key":"k"}],"requests":[{"method":"DELETE","url":"/api/user/x"}]})",
      environment({}), kDefaultTenant));
}

}  // namespace
}  // namespace latchkey::services
