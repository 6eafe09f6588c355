#include "services/themes/default_theme.hpp"

namespace latchkey::services {
namespace {

// Latchkey's own words for the keys its pages use (a properties file, as FusionAuth's is).
constexpr std::string_view kDefaultMessages =
    "# Latchkey's hosted pages read these keys.\n"
    "code=Enter your verification or recovery code\n"
    "login=Login\n"
    "loginId=Email\n"
    "password=Password\n"
    "password-change-title=Update your password\n"
    "passwordConfirm=Confirm password\n"
    "submit=Submit\n"
    "two-factor-challenge=Authentication challenge\n"
    "verify=Verify\n";

}  // namespace

json::object fusionauth_theme_templates() {
  json::object templates;
  for (const std::string_view name : kThemeTemplateNames) {
    templates[name] = "[#ftl/]";
  }
  return templates;
}

json::object fusionauth_theme_document() {
  return json::object{
      {"id", kFusionAuthThemeId},
      {"name", kFusionAuthThemeName},
      {"type", "advanced"},
      {"data", json::object{}},
      {"defaultMessages", kDefaultMessages},
      {"localizedMessages", json::object{}},
      {"stylesheet", ""},
      {"templates", fusionauth_theme_templates()},
  };
}

}  // namespace latchkey::services
