#include "http/response.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace latchkey::http {
namespace {

TEST(Response, JsonCarriesTheContentTypeFusionAuthClientsParse) {
  const auto response = Response::json(HttpStatus::kOk, boost::json::object{{"a", 1}});
  EXPECT_EQ(response.header("content-type"), "application/json;charset=UTF-8");
  EXPECT_EQ(response.body, R"({"a":1})");
}

TEST(Response, RedirectSetsLocation) {
  const auto response = Response::redirect("https://app/cb?code=x");
  EXPECT_EQ(response.status, HttpStatus::kFound);
  EXPECT_EQ(response.header("Location"), "https://app/cb?code=x");
  EXPECT_EQ(Response::redirect("/x", HttpStatus::kSeeOther).status, HttpStatus::kSeeOther);
}

TEST(Response, HtmlAndTextSetTheirTypes) {
  EXPECT_EQ(Response::html(HttpStatus::kOk, "<p>").header("Content-Type"),
            "text/html;charset=UTF-8");
  EXPECT_EQ(Response::text(HttpStatus::kOk, "x").header("Content-Type"),
            "text/plain;charset=UTF-8");
  EXPECT_TRUE(Response::empty(HttpStatus::kNotFound).headers.empty());
}

TEST(Response, SetHeaderReplacesAndAddHeaderAppends) {
  auto response = Response::empty(HttpStatus::kOk);
  response.add_header("Vary", "Origin");
  response.add_header("vary", "Cookie");
  EXPECT_EQ(response.headers.size(), 2U);
  response.set_header("VARY", "Accept");
  ASSERT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.header("Vary"), "Accept");
}

TEST(Response, HeaderValueWithCrOrLfIsRefused) {
  auto response = Response::empty(HttpStatus::kOk);
  EXPECT_THROW(response.set_header("Location", "/x\r\nSet-Cookie: evil=1"), std::invalid_argument);
  EXPECT_THROW(response.add_header("X", std::string("a\0b", 3)), std::invalid_argument);
  EXPECT_THROW(response.add_header("Bad Name", "x"), std::invalid_argument);
  EXPECT_THROW(Response::redirect("/cb\nx"), std::invalid_argument);
  EXPECT_TRUE(response.headers.empty());
}

TEST(Cookies, DefaultCookieIsHttpOnlyLaxAtRoot) {
  EXPECT_EQ(render_set_cookie({.name = "s", .value = "v"}), "s=v; Path=/; HttpOnly; SameSite=Lax");
}

TEST(Cookies, AllAttributesRender) {
  const Cookie cookie{.name = "lk",
                      .value = "abc",
                      .path = "/oauth2",
                      .max_age = std::chrono::seconds(3600),
                      .http_only = false,
                      .secure = true,
                      .same_site = "None"};
  EXPECT_EQ(render_set_cookie(cookie), "lk=abc; Path=/oauth2; Max-Age=3600; Secure; SameSite=None");
}

TEST(Cookies, ExpiredCookieHasMaxAgeZeroAndAPastExpires) {
  EXPECT_EQ(
      render_set_cookie(Cookie::expired("lk")),
      "lk=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
}

TEST(Cookies, SetCookieAppendsOneHeaderPerCookie) {
  auto response = Response::empty(HttpStatus::kOk);
  response.set_cookie({.name = "a", .value = "1"});
  response.set_cookie(Cookie::expired("b"));
  EXPECT_EQ(response.headers.size(), 2U);
  EXPECT_EQ(response.headers[0].first, "Set-Cookie");
}

TEST(Cookies, ValuesThatWouldBreakTheHeaderAreRefused) {
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "x; Domain=evil"}),
               std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "a b"}), std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "a\r\nb"}), std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "a=b", .value = "x"}), std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "", .value = "x"}), std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "x", .path = "/;x"}),
               std::invalid_argument);
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "x", .same_site = "Loose"}),
               std::invalid_argument);
}

TEST(Cookies, SameSiteNoneWithoutSecureIsRefused) {
  EXPECT_THROW((void)render_set_cookie({.name = "a", .value = "x", .same_site = "None"}),
               std::invalid_argument);
}

}  // namespace
}  // namespace latchkey::http
