// The hosted pages' HTML: FusionAuth's element names, the application's name, the theme's
// stylesheet kept inside its <style> element and allowed by hash in the CSP.
#include "web/pages.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "crypto/digest.hpp"

namespace latchkey::web {
namespace {

const PageLook kLook{*Uuid::parse("75a068fd-e94b-451a-9aeb-3ddb9a3b5987"), "Shop <&> \"One\"",
                     "h1 { color: orange; }"};

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

TEST(HostedPages, TheLoginPageHasFusionAuthsFieldsAndButton) {
  const auto page = login_page({{"client_id", "abc"}}, "a@b.c", "", kLook);
  EXPECT_TRUE(
      contains(page.html, "<form action=\"/oauth2/authorize\" method=\"POST\" class=\"full\""));
  EXPECT_TRUE(contains(page.html, "id=\"loginId\" name=\"loginId\""));
  EXPECT_TRUE(contains(page.html, "id=\"password\" name=\"password\""));
  EXPECT_TRUE(contains(page.html, "<button type=\"submit\" class=\"blue button\""));
  EXPECT_TRUE(contains(page.html, "Submit</button>"));
  EXPECT_TRUE(contains(page.html, "<h2 id=\"title\">Login</h2>"));
  EXPECT_TRUE(contains(page.html, "value=\"a@b.c\""));
}

TEST(HostedPages, TheTwoFactorAndPasswordPagesFollowFusionAuth) {
  const auto two_factor = two_factor_page({}, "", kLook);
  EXPECT_TRUE(contains(two_factor.html, "<form id=\"2fa-form\" action=\"/oauth2/two-factor\""));
  EXPECT_TRUE(contains(two_factor.html, "id=\"code\" name=\"code\""));
  EXPECT_TRUE(contains(two_factor.html, "class=\"blue button\""));
  const auto change = change_password_page("/password/change/x", {}, "", kLook);
  EXPECT_TRUE(contains(change.html, "id=\"passwordConfirm\" name=\"passwordConfirm\""));
  EXPECT_TRUE(contains(change.html, "<h2 id=\"title\">Update your password</h2>"));
}

TEST(HostedPages, TheApplicationsNameIsShownEscaped) {
  const auto page = login_page({}, "", "", kLook);
  EXPECT_TRUE(contains(page.html, "<title>Login | Shop &lt;&amp;&gt; &quot;One&quot;</title>"));
  EXPECT_TRUE(
      contains(page.html, "id=\"application-name\">Shop &lt;&amp;&gt; &quot;One&quot;</h1>"));
  EXPECT_FALSE(contains(login_page({}, "", "", {}).html, "application-name\">"));
}

TEST(HostedPages, TheThemeStylesheetIsServedAfterLatchkeysAndHashedForTheCsp) {
  const auto page = login_page({}, "", "", kLook);
  ASSERT_EQ(page.style_hashes.size(), 2U);
  EXPECT_TRUE(contains(page.html, "<style id=\"theme-stylesheet\">h1 { color: orange; }</style>"));
  const std::string expected =
      "'sha256-" + base64::encode(crypto::sha256("h1 { color: orange; }")) + "'";
  EXPECT_EQ(page.style_hashes[1], expected);
  const auto response = page_response(HttpStatus::kOk, page);
  const auto csp = response.header("Content-Security-Policy").value_or("");
  EXPECT_TRUE(contains(csp, "style-src " + page.style_hashes[0] + " " + expected + ";")) << csp;
  EXPECT_FALSE(contains(csp, "unsafe-inline"));
  EXPECT_TRUE(contains(csp, "default-src 'none'"));
}

TEST(HostedPages, NoStylesheetMeansOnlyLatchkeysStyle) {
  const auto page = login_page({}, "", "", {});
  EXPECT_EQ(page.style_hashes.size(), 1U);
  EXPECT_FALSE(contains(page.html, "theme-stylesheet"));
}

// Security: the stylesheet is admin input; whatever it holds, the <style> element ends only
// where the page ends it.
TEST(HostedPages, AStylesheetCannotLeaveItsStyleElement) {
  for (const char* hostile :
       {"a{}</style><script>alert(1)</script>", "a{}</STYLE\n><img src=x onerror=alert(1)>",
        "<!--</style>-->", "a{content:\"</style>\"}"}) {
    const std::string text = style_element_text(hostile);
    EXPECT_EQ(text.find('<'), std::string::npos) << hostile;
    const auto page = login_page({}, "", "", {kLook.theme_id, "App", hostile});
    const auto start = page.html.find("<style id=\"theme-stylesheet\">");
    ASSERT_NE(start, std::string::npos);
    const auto end = page.html.find("</style>", start);
    EXPECT_EQ(page.html.substr(start + 29, end - start - 29), text) << hostile;
    EXPECT_FALSE(contains(page.html, "<script")) << hostile;
    EXPECT_FALSE(contains(page.html, "<img")) << hostile;
  }
}

TEST(HostedPages, StyleTextEscapesLessThanAsCssAndNormalisesLineEnds) {
  EXPECT_EQ(style_element_text("a{content:\"<b>\"}"), "a{content:\"\\3c b>\"}");
  EXPECT_EQ(style_element_text("a{}\r\nb{}\rc{}"), "a{}\nb{}\nc{}");
  EXPECT_EQ(style_element_text(std::string_view("a\0b", 3)), "ab");
}

}  // namespace
}  // namespace latchkey::web
