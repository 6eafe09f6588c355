// Request ids, the Date header and the access-log line.
#include <gtest/gtest.h>

#include "http/access_log.hpp"
#include "http/http_date.hpp"
#include "http/request_id.hpp"

namespace latchkey::http {
namespace {

TEST(RequestId, NewIdsAreSixteenLowerHexCharactersAndDiffer) {
  const auto a = new_request_id();
  const auto b = new_request_id();
  EXPECT_EQ(a.size(), 16U);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(RequestId, WellFormedIncomingIdIsHonoured) {
  EXPECT_EQ(choose_request_id("abc-DEF_123"), "abc-DEF_123");
  EXPECT_EQ(choose_request_id(std::string(64, 'a')), std::string(64, 'a'));
}

TEST(RequestId, IncomingIdThatCouldInjectIsReplaced) {
  for (const std::string_view bad : {"", "a b", "a\nb", "<script>", "a;b"}) {
    const auto chosen = choose_request_id(bad);
    EXPECT_NE(chosen, bad);
    EXPECT_EQ(chosen.size(), 16U);
  }
  EXPECT_EQ(choose_request_id(std::string(65, 'a')).size(), 16U);
  EXPECT_EQ(choose_request_id(std::nullopt).size(), 16U);
}

TEST(HttpDate, FormatsImfFixdate) {
  // RFC 9110 §5.6.7's own example.
  const auto when = std::chrono::sys_days(std::chrono::year(1994) / 11 / 6) +
                    std::chrono::hours(8) + std::chrono::minutes(49) + std::chrono::seconds(37);
  EXPECT_EQ(http_date(when), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(http_date(std::chrono::system_clock::time_point{}), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(AccessLog, LineHoldsThePathButNeverTheQuery) {
  const std::string line = format_access_line({.method = "GET",
                                               .target = "/oauth2/authorize?code=SECRET&x=1",
                                               .status = 302,
                                               .duration = std::chrono::microseconds(1500),
                                               .bytes = 12,
                                               .request_id = "abc",
                                               .client_ip = "127.0.0.1"});
  EXPECT_EQ(line, "GET /oauth2/authorize 302 1.50ms 12B id=abc ip=127.0.0.1");
  EXPECT_EQ(line.find("SECRET"), std::string::npos);
}

TEST(AccessLog, ChangePasswordIdInThePathIsNeverLogged) {
  for (const std::string target :
       {"/password/change/SECRETID?client_id=x", "/api/user/change-password/SECRETID"}) {
    const std::string line = format_access_line(
        {.method = "POST", .target = target, .status = 200, .request_id = "a", .client_ip = "b"});
    EXPECT_EQ(line.find("SECRETID"), std::string::npos) << line;
    EXPECT_NE(line.find("change"), std::string::npos) << line;
  }
}

TEST(AccessLog, ChangePasswordIdIsMaskedHoweverTheTargetIsSpelled) {
  for (const std::string target : {
           "http://latchkey.example/api/user/change-password/SECRETID",
           "HTTP://latchkey.example:9011/password/change/SECRETID?x=1",
           "/api/user/%63hange-password/SECRETID",
           "/api/user/change%2Dpassword/SECRETID",
           "/API/User/Change-Password/SECRETID",
           "/password/%43HANGE/SECRETID",
           "//password//change/SECRETID",
           "/password/./change/SECRETID",
           "/api/x/../user/change-password/SECRETID",
           "/password/change/%2e%2e/change/SECRETID",
           "/password/change/SECRET%49D",
       }) {
    const std::string line = format_access_line(
        {.method = "GET", .target = target, .status = 404, .request_id = "a", .client_ip = "b"});
    EXPECT_EQ(line.find("SECRET"), std::string::npos) << target << " -> " << line;
    EXPECT_NE(line.find("/***"), std::string::npos) << line;
  }
}

TEST(AccessLog, AbsoluteFormLogsThePathOnly) {
  const std::string line = format_access_line({.method = "GET",
                                               .target = "http://host.example/api/user?x=1",
                                               .status = 200,
                                               .request_id = "a",
                                               .client_ip = "b"});
  EXPECT_EQ(line.find("host.example"), std::string::npos) << line;
  EXPECT_NE(line.find("GET /api/user 200"), std::string::npos) << line;
}

TEST(AccessLog, ForwardedClientIsLoggedWithTheProxyPeer) {
  const std::string line = format_access_line({.method = "GET",
                                               .target = "/api/status",
                                               .status = 200,
                                               .request_id = "a",
                                               .client_ip = "203.0.113.9",
                                               .peer_ip = "127.0.0.1"});
  EXPECT_NE(line.find("ip=203.0.113.9 via=127.0.0.1"), std::string::npos) << line;
  const std::string direct = format_access_line({.method = "GET",
                                                 .target = "/api/status",
                                                 .status = 200,
                                                 .request_id = "a",
                                                 .client_ip = "127.0.0.1",
                                                 .peer_ip = "127.0.0.1"});
  EXPECT_EQ(direct.find("via="), std::string::npos) << direct;
}

TEST(AccessLog, ControlCharactersAreEscapedSoLinesCannotBeForged) {
  const std::string line = format_access_line({.method = "GET",
                                               .target = "/a\nINFO fake",
                                               .status = 400,
                                               .request_id = "",
                                               .client_ip = ""});
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("/a\\x0aINFO\\x20fake"), std::string::npos);
  EXPECT_NE(line.find("id=- ip=-"), std::string::npos);
}

}  // namespace
}  // namespace latchkey::http
