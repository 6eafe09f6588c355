#include "services/kickstart/kickstart.hpp"

#include <gtest/gtest.h>

#include <map>

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

TEST(Kickstart, UrlsWithAndWithoutTheLeadingSlashBothWork) {
  const auto plan = parse_kickstart(R"({"apiKeys":[{"key":"k"}],"requests":[
    {"method":"POST","url":"/api/tenant/x","body":{}},
    {"method":"PATCH","url":"api/theme/#{FUSIONAUTH_TENANT_ID}","body":{}}]})",
                                    environment({}), kDefaultTenant);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->requests[0].url, "/api/tenant/x");
  EXPECT_EQ(plan->requests[1].url, "/api/theme/" + kDefaultTenant.str());
}

TEST(Kickstart, ARequestUrlMustBeAPathOnThisServer) {
  for (const char* url : {"http://evil.example.com/api/user", "//evil.example.com/api", ""}) {
    const auto refused =
        parse_kickstart(R"({"apiKeys":[{"key":"k"}],"requests":[{"method":"POST","url":")" +
                            std::string(url) + R"("}]})",
                        environment({}), kDefaultTenant);
    EXPECT_FALSE(refused) << url;
  }
}

TEST(Kickstart, EveryDocumentedBuiltInResolves) {
  KickstartContext context(kDefaultTenant);
  context.environment = environment({});
  context.default_signing_key_id = *Uuid::parse("33333333-3333-4333-8333-333333333333");
  const char* names[] = {"FUSIONAUTH_APPLICATION_ID",
                         "FUSIONAUTH_TENANT_ID",
                         "FUSIONAUTH_DEFAULT_SIGNING_KEY_ID",
                         "TENANT_MANAGER_ID",
                         "FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID",
                         "FUSIONAUTH_FORM[adminUser]_ID",
                         "FUSIONAUTH_FORM[adminRegistration]_ID",
                         "FUSIONAUTH_LAMBDA[OpenIDReconcile]_ID",
                         "FUSIONAUTH_LAMBDA[SAMLv2Reconcile]_ID",
                         "FUSIONAUTH_LAMBDA[AppleReconcile]_ID",
                         "FUSIONAUTH_LAMBDA[FacebookReconcile]_ID",
                         "FUSIONAUTH_LAMBDA[GoogleReconcile]_ID",
                         "FUSIONAUTH_LAMBDA[TwitterReconcile]_ID"};
  json::object data;
  for (const char* name : names) data[name] = "#{" + std::string(name) + "}";
  json::object file{{"apiKeys", json::array{json::object{{"key", "k"}}}},
                    {"requests", json::array{json::object{
                                     {"method", "POST"}, {"url", "/api/x"}, {"body", data}}}}};
  const auto plan = parse_kickstart(json::serialize(file), context);
  ASSERT_TRUE(plan) << plan.error().general_errors().front().message;
  const auto body = json::parse_object(plan->requests[0].body);
  for (const char* name : names) {
    const auto value = json::get_string(*body, name);
    ASSERT_TRUE(value) << name;
    EXPECT_TRUE(Uuid::parse(*value)) << name << " = " << *value;
  }
  EXPECT_EQ(json::get_string(*body, "FUSIONAUTH_APPLICATION_ID"),
            "3c219e58-ed0e-4b18-ad48-f4f92793ae32");
  EXPECT_EQ(json::get_string(*body, "FUSIONAUTH_TENANT_ID"), kDefaultTenant.str());
  EXPECT_EQ(json::get_string(*body, "FUSIONAUTH_DEFAULT_SIGNING_KEY_ID"),
            "33333333-3333-4333-8333-333333333333");
  EXPECT_EQ(json::get_string(*body, "TENANT_MANAGER_ID"),
            json::get_string(*body, "FUSIONAUTH_TENANT_MANAGER_APPLICATION_ID"));
}

TEST(Kickstart, BuiltInsMayBeUsedInVariablesAndFollowTheSpecialVariables) {
  const auto plan = parse_kickstart(R"({
    "variables": {"tenant": "#{FUSIONAUTH_TENANT_ID}", "app": "#{FUSIONAUTH_APPLICATION_ID}",
                  "defaultTenantId": "22222222-2222-4222-8222-222222222222",
                  "tenantManagerApplicationId": "44444444-4444-4444-8444-444444444444"},
    "apiKeys": [{"key": "k"}],
    "requests": [{"method": "POST", "url": "/api/x",
                  "body": {"t": "#{tenant}", "a": "#{app}", "m": "#{TENANT_MANAGER_ID}"}}]
  })",
                                    environment({}), kDefaultTenant);
  ASSERT_TRUE(plan) << plan.error().general_errors().front().message;
  const auto body = json::parse_object(plan->requests[0].body);
  EXPECT_EQ(json::get_string(*body, "t"), "22222222-2222-4222-8222-222222222222")
      << "defaultTenantId applies even to variables declared before it";
  EXPECT_EQ(json::get_string(*body, "a"), "3c219e58-ed0e-4b18-ad48-f4f92793ae32");
  EXPECT_EQ(json::get_string(*body, "m"), "44444444-4444-4444-8444-444444444444");
  EXPECT_EQ(plan->tenant_manager_application_id->str(), "44444444-4444-4444-8444-444444444444");
}

TEST(Kickstart, TheSigningKeyBuiltInIsTheNilUuidUntilTheKeyExists) {
  const auto plan = parse_kickstart(
      R"({"apiKeys":[{"key":"k"}],"requests":[{"method":"POST","url":"/api/key/#{FUSIONAUTH_DEFAULT_SIGNING_KEY_ID}"}]})",
      environment({}), kDefaultTenant);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->requests[0].url, "/api/key/00000000-0000-0000-0000-000000000000");
}

TEST(Kickstart, WholeRequestsAndBodiesComeFromIncludedFiles) {
  std::map<std::string, std::string> files{
      {"requests/theme.json",
       R"({"method":"PATCH","url":"api/theme/#{themeId}","body":{"theme":{"stylesheet":"@{css/dark.css}"}}})"},
      {"json/app.json", R"({"application":{"name":"From a file"}})"},
      {"css/dark.css", "body {\n  background: #000;\n}\n"}};
  KickstartContext context(kDefaultTenant);
  context.environment = environment({});
  context.read_include = [&files](const std::string& path) -> Result<std::string> {
    const auto found = files.find(path);
    if (found == files.end()) return fail(Error::general(HttpStatus::kBadRequest, "[x]", path));
    return found->second;
  };
  const auto plan = parse_kickstart(R"({
    "variables": {"themeId": "55555555-5555-4555-8555-555555555555"},
    "apiKeys": [{"key": "k"}],
    "requests": ["&{requests/theme.json}",
                 {"method": "POST", "url": "/api/application", "body": "&{json/app.json}"}]
  })",
                                    context);
  ASSERT_TRUE(plan) << plan.error().general_errors().front().message;
  ASSERT_EQ(plan->requests.size(), 2U);
  EXPECT_EQ(plan->requests[0].label, "requests[0] (&{requests/theme.json})");
  EXPECT_EQ(plan->requests[0].method, "PATCH");
  EXPECT_EQ(plan->requests[0].url, "/api/theme/55555555-5555-4555-8555-555555555555");
  const auto theme = json::parse_object(plan->requests[0].body);
  EXPECT_EQ(json::get_string(*theme, "theme.stylesheet"), "body {\n  background: #000;\n}\n");
  EXPECT_EQ(plan->requests[1].label, "requests[1]");
  const auto app = json::parse_object(plan->requests[1].body);
  EXPECT_EQ(json::get_string(*app, "application.name"), "From a file");
}

TEST(Kickstart, WithoutAnIncludeReaderIncludesAreRefused) {
  EXPECT_FALSE(parse_kickstart(R"({"apiKeys":[{"key":"k"}],"requests":["&{r.json}"]})",
                               environment({}), kDefaultTenant));
}

TEST(Kickstart, AJsonPatchBodyMayBeAnArray) {
  const auto plan = parse_kickstart(R"({"apiKeys":[{"key":"k"}],"requests":[
    {"method":"PATCH","url":"/api/tenant/x","contentType":"application/json-patch+json",
     "body":[{"op":"replace","path":"/tenant/name","value":"N"}]}]})",
                                    environment({}), kDefaultTenant);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->requests[0].content_type, "application/json-patch+json");
  EXPECT_TRUE(plan->requests[0].body.starts_with("["));
}

TEST(Kickstart, UuidsComeFromTheInjectedSourceSoTwoPassesAgree) {
  int issued = 0;
  KickstartContext context(kDefaultTenant);
  context.environment = environment({});
  context.new_uuid = [&issued] {
    ++issued;
    return *Uuid::parse("66666666-6666-4666-8666-666666666666");
  };
  const auto plan = parse_kickstart(R"({"variables":{"defaultTenantId":"#{UUID()}"},
    "apiKeys":[{"key":"k"}], "welcome": ["tenant #{FUSIONAUTH_TENANT_ID}", 7]})",
                                    context);
  ASSERT_TRUE(plan);
  EXPECT_EQ(issued, 1);
  EXPECT_EQ(plan->default_tenant_id->str(), "66666666-6666-4666-8666-666666666666");
  EXPECT_EQ(plan->welcome, std::vector<std::string>{"tenant 66666666-6666-4666-8666-666666666666"})
      << "welcome lines are resolved with the file's variables; non-strings are skipped";
}

}  // namespace
}  // namespace latchkey::services
