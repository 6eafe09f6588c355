// The Theme API's rules as FusionAuth applies them (apis/themes/advanced-themes.mdx).
#include "services/themes/theme_rules.hpp"

#include <gtest/gtest.h>

#include "services/themes/default_theme.hpp"

namespace latchkey::services {
namespace {

json::object parse(std::string_view text) { return *json::parse_object(text); }

// Every key the rules require, as a properties text.
std::string full_messages() {
  std::string text;
  for (const auto key : kRequiredMessageKeys) text += std::string(key) + "=x\n";
  return text;
}

json::object valid_theme() {
  return json::object{{"name", "Orange"}, {"defaultMessages", full_messages()}};
}

TEST(ThemeRules, ANamedThemeWithEveryMessageKeyIsValid) {
  auto theme = valid_theme();
  EXPECT_TRUE(validate_theme(theme, ThemeWrite::kCreate, false));
}

TEST(ThemeRules, NameIsRequired) {
  auto theme = valid_theme();
  theme["name"] = "  ";
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("theme.name", "[blank]theme.name"));
}

TEST(ThemeRules, AnAdvancedThemeNeedsDefaultMessages) {
  json::object theme{{"name", "Orange"}};
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(
      result.error().has_field_error("theme.defaultMessages", "[blank]theme.defaultMessages"));
}

TEST(ThemeRules, MissingMessageKeysAreNamed) {
  json::object theme{{"name", "Orange"}, {"defaultMessages", "login=Login\n# submit=no\n"}};
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  ASSERT_TRUE(
      result.error().has_field_error("theme.defaultMessages", "[invalid]theme.defaultMessages"));
  const auto& message = result.error().field_errors().at("theme.defaultMessages").front().message;
  EXPECT_NE(message.find("submit"), std::string::npos);
  EXPECT_EQ(message.find("login,"), std::string::npos) << "login is defined";
}

TEST(ThemeRules, TheBuiltInThemeNeedsNoMessagesOrTemplates) {
  json::object theme{{"name", "FusionAuth"}};
  EXPECT_TRUE(validate_theme(theme, ThemeWrite::kUpdate, true));
}

TEST(ThemeRules, AnUpdateOfAnAdvancedThemeCarriesItsTemplates) {
  auto theme = valid_theme();
  const auto result = validate_theme(theme, ThemeWrite::kUpdate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("theme.templates", "[missing]theme.templates"));
  theme["templates"] = json::object{{"oauth2Authorize", "[#ftl/]"}};
  EXPECT_TRUE(validate_theme(theme, ThemeWrite::kUpdate, false));
}

TEST(ThemeRules, AGivenTemplateMustNotBeBlank) {
  auto theme = valid_theme();
  theme["templates"] = json::object{{"oauth2Authorize", " "}, {"helpers", "[#ftl/]"}};
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("theme.templates.oauth2Authorize",
                                             "[blank]theme.templates.oauth2Authorize"));
  EXPECT_EQ(result.error().field_errors().count("theme.templates.helpers"), 0U);
}

TEST(ThemeRules, AStylesheetThatWouldEndItsStyleElementIsRefused) {
  for (const char* css : {"h1{color:red}</style><script>alert(1)</script>", "h1{}</STYLE >",
                          "<script>x()</script>", "<img src=x onerror = y>"}) {
    auto theme = valid_theme();
    theme["stylesheet"] = css;
    const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
    ASSERT_FALSE(result) << css;
    EXPECT_TRUE(result.error().has_field_error("theme.stylesheet", "[invalid]theme.stylesheet"))
        << css;
  }
}

TEST(ThemeRules, OrdinaryStylesheetsAreAllowed) {
  EXPECT_TRUE(stylesheet_allowed("h1 {\r\n  color: orange;\r\n}"));
  EXPECT_TRUE(stylesheet_allowed(".onload-banner { content: \"a > b\"; }"));
  EXPECT_FALSE(stylesheet_allowed("a{}</style"));
}

TEST(ThemeRules, MessagesWithScriptAreRefused) {
  auto theme = valid_theme();
  theme["defaultMessages"] = full_messages() + "evil=<script>alert(1)</script>\n";
  theme["localizedMessages"] = json::object{{"fr", "login=<img onload=x>"}};
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(
      result.error().has_field_error("theme.defaultMessages", "[noScript]theme.defaultMessages"));
  EXPECT_TRUE(result.error().has_field_error("theme.localizedMessages['fr']",
                                             "[noScript]theme.localizedMessages"));
}

TEST(ThemeRules, WrongTypesAreInvalidJson) {
  auto theme = parse(R"({"name": "x", "templates": {"helpers": {"a": 1}}})");
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("theme.templates.helpers", "[invalidJSON]"));
}

TEST(ThemeRules, SimpleThemesAreRefused) {
  auto theme = valid_theme();
  theme["type"] = "simple";
  const auto result = validate_theme(theme, ThemeWrite::kCreate, false);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.error().has_field_error("theme.type", "[invalid]theme.type"));
}

TEST(ThemeMessages, PropertyKeysSkipCommentsAndContinuations) {
  const auto keys = property_keys(
      "# comment\n! also\nlogin=Login\n  submit : Go\nlong=a \\\n  continued=no\n"
      "escaped\\=key=v\n[blank]user.email=Required\n\n");
  EXPECT_EQ(keys, (std::vector<std::string>{"login", "submit", "long", "escaped=key",
                                            "[blank]user.email"}));
}

domain::Theme theme(const char* id, const char* name, std::int64_t inserted) {
  return {*Uuid::parse(id), name, json::object{{"name", name}, {"insertInstant", inserted}}};
}

std::vector<domain::Theme> three() {
  return {theme("00000000-0000-4000-8000-000000000003", "Orange Theme", 30),
          theme("00000000-0000-4000-8000-000000000001", "blue", 10),
          theme("00000000-0000-4000-8000-000000000002", "Dark Orange", 20)};
}

std::vector<std::string> names(const ThemeSearchPage& page) {
  std::vector<std::string> out;
  for (const auto& t : page.themes) out.push_back(t.name);
  return out;
}

TEST(ThemeSearch, ANameWithoutWildcardsMatchesAnywhereIgnoringCase) {
  const auto page = search_themes(three(), {.name = "ORANGE"});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 2U);
  EXPECT_EQ(names(*page), (std::vector<std::string>{"Dark Orange", "Orange Theme"}));
}

TEST(ThemeSearch, WildcardsAnchorTheMatch) {
  EXPECT_TRUE(theme_name_matches("Orange Theme", "orange*"));
  EXPECT_FALSE(theme_name_matches("Dark Orange", "orange*"));
  EXPECT_TRUE(theme_name_matches("Dark Orange", "*orange"));
  EXPECT_TRUE(theme_name_matches("Dark Orange", "d*o*e"));
  EXPECT_FALSE(theme_name_matches("Dark Orange", "d*x*e"));
}

TEST(ThemeSearch, OrdersAndPages) {
  const auto by_instant =
      search_themes(three(), {.number_of_results = 2, .order_by = "insertInstant DESC"});
  ASSERT_TRUE(by_instant);
  EXPECT_EQ(by_instant->total, 3U);
  EXPECT_EQ(names(*by_instant), (std::vector<std::string>{"Orange Theme", "Dark Orange"}));
  const auto second_page = search_themes(three(), {.number_of_results = 2, .start_row = 2});
  ASSERT_TRUE(second_page);
  EXPECT_EQ(names(*second_page), (std::vector<std::string>{"Orange Theme"}));
  const auto by_id = search_themes(three(), {.order_by = "id"});
  EXPECT_EQ(names(*by_id), (std::vector<std::string>{"blue", "Dark Orange", "Orange Theme"}));
  const auto past_end = search_themes(three(), {.start_row = 9});
  EXPECT_TRUE(past_end->themes.empty());
  EXPECT_EQ(past_end->total, 3U);
}

TEST(ThemeSearch, AnUnknownOrderIsInvalid) {
  const auto page = search_themes(three(), {.order_by = "stylesheet"});
  ASSERT_FALSE(page);
  EXPECT_TRUE(page.error().has_field_error("search.orderBy", "[invalid]search.orderBy"));
  EXPECT_FALSE(search_themes(three(), {.order_by = "name sideways"}));
}

TEST(DefaultTheme, HasFusionAuthsIdNameAndEveryTemplate) {
  const auto doc = fusionauth_theme_document();
  EXPECT_EQ(json::get_string(doc, "id"), "75a068fd-e94b-451a-9aeb-3ddb9a3b5987");
  EXPECT_EQ(json::get_string(doc, "name"), "FusionAuth");
  EXPECT_EQ(json::get_object(doc, "templates")->size(), kThemeTemplateNames.size());
  const auto keys = property_keys(*json::get_string(doc, "defaultMessages"));
  for (const auto key : kRequiredMessageKeys) {
    EXPECT_NE(std::ranges::find(keys, key), keys.end()) << key;
  }
}

}  // namespace
}  // namespace latchkey::services
