// The Theme API's service: the built-in theme, copies, the global-key rule, deletion while in
// use, themeId references from tenants and applications, and the look of the hosted pages.
#include "services/themes/theme_service.hpp"

#include <gtest/gtest.h>

#include "service_fixture.hpp"
#include "services/themes/default_theme.hpp"

namespace latchkey::services {
namespace {

using testing::parse;

const Uuid kBuiltin = *Uuid::parse(kFusionAuthThemeId);

std::string full_messages() {
  std::string text;
  for (const auto key : kRequiredMessageKeys) text += std::string(key) + "=x\n";
  return text;
}

class ThemeServiceTest : public ::testing::Test {
 protected:
  testing::ServiceFixture f;

  domain::Theme copy(const std::string& name, const std::optional<Uuid>& id = std::nullopt) {
    auto created = f.themes.create(f.admin(), id, kBuiltin, json::object{{"name", name}});
    EXPECT_TRUE(created) << name;
    return *created;
  }

  Caller tenant_locked() const {
    Caller caller;
    caller.api_key = domain::ApiKey{*Uuid::parse("00000000-0000-4000-8000-0000000000aa"),
                                    "locked",
                                    f.default_tenant.id,
                                    false,
                                    {}};
    return caller;
  }
};

TEST_F(ThemeServiceTest, TheFusionAuthThemeExistsFromFirstStart) {
  const auto builtin = f.themes.retrieve(f.admin(), kBuiltin);
  ASSERT_TRUE(builtin);
  EXPECT_EQ(builtin->name, "FusionAuth");
  EXPECT_TRUE(json::get_object(builtin->data, "templates"));
  EXPECT_TRUE(json::get_int(builtin->data, "insertInstant"));
  // A second start finds it and adds nothing.
  ThemeService again{*f.store, f.config, f.clock};
  EXPECT_EQ(again.list(f.admin())->size(), 1U);
}

TEST_F(ThemeServiceTest, ACopyTakesTheSourcesMessagesStylesheetAndTemplates) {
  ASSERT_TRUE(f.themes.patch(f.admin(), kBuiltin,
                             parse(R"({"stylesheet": "h1 { color: orange; }"})"),
                             PatchStyle::kLegacyMerge));
  const auto theme = copy("Orange");
  const auto source = *f.themes.retrieve(f.admin(), kBuiltin);
  EXPECT_NE(theme.id, kBuiltin);
  EXPECT_EQ(theme.name, "Orange");
  for (const char* member : {"defaultMessages", "stylesheet", "templates", "localizedMessages"}) {
    EXPECT_EQ(theme.data.at(member), source.data.at(member)) << member;
  }
}

TEST_F(ThemeServiceTest, ACopyOfAnUnknownThemeIsInvalid) {
  const auto missing = *Uuid::parse("00000000-0000-4000-8000-0000000000ff");
  const auto result = f.themes.create(f.admin(), std::nullopt, missing, {{"name", "x"}});
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("sourceThemeId", "[invalid]sourceThemeId"));
}

TEST_F(ThemeServiceTest, IdsAndNamesAreUnique) {
  const auto first = copy("Orange");
  const auto same_name = f.themes.create(f.admin(), std::nullopt, kBuiltin, {{"name", "ORANGE"}});
  ASSERT_FALSE(same_name);
  EXPECT_TRUE(same_name.error().has_field_error("theme.name", "[duplicate]theme.name"));
  const auto same_id = f.themes.create(f.admin(), first.id, kBuiltin, {{"name", "Other"}});
  ASSERT_FALSE(same_id);
  EXPECT_TRUE(same_id.error().has_field_error("themeId", "[duplicate]themeId"));
}

TEST_F(ThemeServiceTest, ACreateWithoutASourceIsValidatedWhole) {
  const auto refused = f.themes.create(f.admin(), std::nullopt, std::nullopt, {{"name", "x"}});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(
      refused.error().has_field_error("theme.defaultMessages", "[blank]theme.defaultMessages"));
  const auto created = f.themes.create(f.admin(), std::nullopt, std::nullopt,
                                       {{"name", "x"}, {"defaultMessages", full_messages()}});
  ASSERT_TRUE(created);
  EXPECT_EQ(json::get_string(created->data, "type"), "advanced");
}

TEST_F(ThemeServiceTest, PatchChangesStylesheetTemplatesAndMessages) {
  const auto theme = copy("Orange");
  const auto patched = f.themes.patch(
      f.admin(), theme.id, parse(R"({"stylesheet": ".x{}", "templates": {"helpers": "[#ftl/] mine"},
                "localizedMessages": {"fr": "login=Connexion"}, "name": "Orange 2"})"),
      PatchStyle::kLegacyMerge);
  ASSERT_TRUE(patched);
  EXPECT_EQ(json::get_string(patched->data, "stylesheet"), ".x{}");
  EXPECT_EQ(json::get_string(patched->data, "templates.helpers"), "[#ftl/] mine");
  EXPECT_EQ(json::get_string(patched->data, "templates.oauth2Authorize"), "[#ftl/]");
  EXPECT_EQ(json::get_string(patched->data, "localizedMessages.fr"), "login=Connexion");
  EXPECT_EQ(patched->name, "Orange 2");
  EXPECT_EQ(f.themes.retrieve(f.admin(), theme.id)->data, patched->data);
}

TEST_F(ThemeServiceTest, TheBuiltInThemesPagesCannotChange) {
  const auto patched =
      f.themes.patch(f.admin(), kBuiltin, parse(R"({"templates": {"helpers": "[#ftl/] mine"}})"),
                     PatchStyle::kLegacyMerge);
  ASSERT_TRUE(patched);
  EXPECT_EQ(json::get_string(patched->data, "templates.helpers"), "[#ftl/]");
}

TEST_F(ThemeServiceTest, TheBuiltInThemeCannotBeDeleted) {
  const auto result = f.themes.remove(f.admin(), kBuiltin);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("themeId", "[fusionAuth]themeId"));
  EXPECT_TRUE(f.themes.exists(kBuiltin));
}

TEST_F(ThemeServiceTest, AThemeInUseByATenantOrApplicationCannotBeDeleted) {
  const auto theme = copy("Orange");
  ASSERT_TRUE(f.tenants.patch(f.admin(), f.default_tenant.id,
                              json::object{{"themeId", theme.id.str()}}, PatchStyle::kLegacyMerge));
  auto refused = f.themes.remove(f.admin(), theme.id);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("themeId", "[inUse]themeId"));
  ASSERT_TRUE(f.tenants.patch(f.admin(), f.default_tenant.id, json::object{{"themeId", nullptr}},
                              PatchStyle::kLegacyMerge));
  auto app = f.applications.create(f.admin(), std::nullopt,
                                   json::object{{"name", "App"}, {"themeId", theme.id.str()}});
  ASSERT_TRUE(app);
  refused = f.themes.remove(f.admin(), theme.id);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().has_field_error("themeId", "[inUse]themeId"));
  ASSERT_TRUE(f.applications.remove(f.admin(), app->id, true));
  EXPECT_TRUE(f.themes.remove(f.admin(), theme.id));
  EXPECT_FALSE(f.themes.exists(theme.id));
  const auto gone = f.themes.remove(f.admin(), theme.id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().http_status(), HttpStatus::kNotFound);
}

TEST_F(ThemeServiceTest, TenantAndApplicationThemeIdsMustNameAnExistingTheme) {
  const json::object unknown{{"themeId", "00000000-0000-4000-8000-0000000000ff"}};
  const auto tenant =
      f.tenants.patch(f.admin(), f.default_tenant.id, unknown, PatchStyle::kLegacyMerge);
  ASSERT_FALSE(tenant);
  EXPECT_TRUE(tenant.error().has_field_error("tenant.themeId", "[invalid]tenant.themeId"));
  const auto not_uuid = f.tenants.patch(
      f.admin(), f.default_tenant.id, json::object{{"themeId", "nope"}}, PatchStyle::kLegacyMerge);
  ASSERT_FALSE(not_uuid);
  EXPECT_TRUE(not_uuid.error().has_field_error("tenant.themeId", "[invalid]tenant.themeId"));
  auto body = unknown;
  body["name"] = "App";
  const auto app = f.applications.create(f.admin(), std::nullopt, body);
  ASSERT_FALSE(app);
  EXPECT_TRUE(app.error().has_field_error("application.themeId", "[invalid]application.themeId"));
  EXPECT_TRUE(f.tenants.patch(f.admin(), f.default_tenant.id,
                              json::object{{"themeId", kFusionAuthThemeId}},
                              PatchStyle::kLegacyMerge));
}

TEST_F(ThemeServiceTest, ATenantLockedKeyIsRefusedEveryCall) {
  const auto theme = copy("Orange");
  const auto locked = tenant_locked();
  EXPECT_EQ(f.themes.retrieve(locked, theme.id).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.themes.list(locked).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.themes.search(locked, {}).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_EQ(f.themes.create(locked, std::nullopt, kBuiltin, {{"name", "x"}}).error().http_status(),
            HttpStatus::kUnauthorized);
  EXPECT_EQ(f.themes.remove(locked, theme.id).error().http_status(), HttpStatus::kUnauthorized);
  EXPECT_TRUE(f.themes.exists(theme.id));
}

TEST_F(ThemeServiceTest, TheLookIsTheApplicationsThemeElseTheTenantsElseFusionAuths) {
  const auto tenant_theme = copy("Tenant");
  const auto app_theme = copy("App");
  ASSERT_TRUE(f.themes.patch(f.admin(), tenant_theme.id, {{"stylesheet", ".t{}"}},
                             PatchStyle::kLegacyMerge));
  ASSERT_TRUE(
      f.themes.patch(f.admin(), app_theme.id, {{"stylesheet", ".a{}"}}, PatchStyle::kLegacyMerge));
  auto plain = f.applications.create(f.admin(), std::nullopt, {{"name", "Plain"}});
  auto themed = f.applications.create(f.admin(), std::nullopt,
                                      {{"name", "Themed"}, {"themeId", app_theme.id.str()}});
  ASSERT_TRUE(plain && themed);

  auto look = f.themes.look(f.default_tenant.id, plain->id);
  EXPECT_EQ(look.theme_id, kBuiltin);
  EXPECT_EQ(look.application_name, "Plain");
  EXPECT_EQ(look.stylesheet, "");

  ASSERT_TRUE(f.tenants.patch(f.admin(), f.default_tenant.id, {{"themeId", tenant_theme.id.str()}},
                              PatchStyle::kLegacyMerge));
  look = f.themes.look(f.default_tenant.id, plain->id);
  EXPECT_EQ(look.theme_id, tenant_theme.id);
  EXPECT_EQ(look.stylesheet, ".t{}");

  look = f.themes.look(f.default_tenant.id, themed->id);
  EXPECT_EQ(look.theme_id, app_theme.id);
  EXPECT_EQ(look.application_name, "Themed");
  EXPECT_EQ(look.stylesheet, ".a{}");

  EXPECT_EQ(f.themes.look(std::nullopt, std::nullopt).theme_id, kBuiltin);
}

TEST_F(ThemeServiceTest, SearchFindsStoredThemesByName) {
  copy("Orange");
  copy("Dark Orange");
  const auto page = f.themes.search(f.admin(), {.name = "orange"});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2U);
  EXPECT_EQ(f.themes.search(f.admin(), {})->total, 3U) << "FusionAuth's theme is listed too";
}

}  // namespace
}  // namespace latchkey::services
