// The server over real loopback sockets, driven with raw bytes.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "core/unavailable.hpp"
#include "http/test_client.hpp"

namespace latchkey::http {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;
using testing::RunningServer;

// Routes shared by most tests, with counters so a test can prove a handler never ran.
struct Fixture {
  std::atomic<int> secret_calls{0};
  std::promise<void> slow_entered;
  std::promise<void> slow_release;
  std::shared_future<void> slow_released = slow_release.get_future().share();

  Router routes() {
    Router router;
    router.add("GET", "/hello", [](Request& request) {
      return Response::text(HttpStatus::kOk, "hello " + request.query_param("name").value_or(""));
    });
    router.add("POST", "/echo",
               [](Request& request) { return Response::text(HttpStatus::kOk, request.body); });
    router.add("GET", "/whoami", [](Request& request) {
      return Response::text(HttpStatus::kOk, request.client_ip + " " + request.request_id +
                                                 (request.secure ? " secure" : " plain"));
    });
    router.add("GET", "/secret", [this](Request&) {
      ++secret_calls;
      return Response::text(HttpStatus::kOk, "secret");
    });
    router.add("GET", "/throw", [](Request&) -> Response { throw std::runtime_error("boom"); });
    router.add("GET", "/unavailable", [](Request&) -> Response {
      throw Unavailable("no database connection came free within 5 ms");
    });
    router.add(
        "GET", "/unavailable-inline",
        [](Request&) -> Response { throw Unavailable("database is locked"); }, RunOn::kIoThread);
    router.add(
        "GET", "/inline", [](Request&) { return Response::text(HttpStatus::kOk, "inline"); },
        RunOn::kIoThread);
    router.add("GET", "/slow", [this](Request&) {
      slow_entered.set_value();
      slow_released.wait_for(5s);
      return Response::text(HttpStatus::kOk, "slow done");
    });
    return router;
  }
};

constexpr std::string_view kGetHello = "GET /hello?name=a%2Bb%20c HTTP/1.1\r\nHost: x\r\n\r\n";

TEST(Server, KeepAliveServesTwoRequestsOnOneConnection) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send(kGetHello);
  const auto first = client.read_response();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "hello a+b c");
  client.send("GET /inline HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto second = client.read_response();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "inline");
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\none"
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwo");
  EXPECT_EQ(client.read_response()->body, "one");
  EXPECT_EQ(client.read_response()->body, "two");
}

TEST(Server, ResponsesCarryServerDateAndRequestIdButNoVersion) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /whoami HTTP/1.1\r\nHost: x\r\nX-Request-Id: trace-123\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("Server"), "latchkey");
  EXPECT_TRUE(response->header("Date"));
  EXPECT_EQ(response->header("X-Request-Id"), "trace-123");
  EXPECT_EQ(response->body, "127.0.0.1 trace-123 plain");
}

TEST(Server, MalformedIncomingRequestIdIsReplaced) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /whoami HTTP/1.1\r\nHost: x\r\nX-Request-Id: <script>\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  const auto id = response->header("X-Request-Id");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->size(), 16U);
}

TEST(Server, ForwardedHeadersAreIgnoredUnlessThePeerIsTrusted) {
  Fixture fixture;
  constexpr std::string_view kForwarded =
      "GET /whoami HTTP/1.1\r\nHost: x\r\nX-Forwarded-Proto: https\r\n"
      "X-Forwarded-For: 203.0.113.9\r\n\r\n";
  {
    RunningServer running({}, fixture.routes());
    RawClient client(running.port());
    client.send(kForwarded);
    const auto body = client.read_response()->body;
    EXPECT_TRUE(body.starts_with("127.0.0.1 ")) << body;
    EXPECT_TRUE(body.ends_with(" plain")) << body;
  }
  {
    std::string problem;
    RunningServer running({.trusted_proxies = *TrustedProxies::parse("127.0.0.1/32", problem)},
                          fixture.routes());
    RawClient client(running.port());
    client.send(kForwarded);
    const auto body = client.read_response()->body;
    EXPECT_TRUE(body.starts_with("203.0.113.9 ")) << body;
    EXPECT_TRUE(body.ends_with(" secure")) << body;
  }
}

TEST(Server, BaseUrlIsThePublicUrlNeverTheHostHeader) {
  Router router;
  router.add("GET", "/base",
             [](Request& request) { return Response::text(HttpStatus::kOk, request.base_url); });
  {
    RunningServer running({}, std::move(router));
    RawClient client(running.port());
    client.send("GET /base HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    EXPECT_EQ(client.read_response()->body, "http://127.0.0.1:" + std::to_string(running.port()));
    EXPECT_EQ(running.server().public_url(), "http://127.0.0.1:" + std::to_string(running.port()));
  }
  Router configured;
  configured.add("GET", "/base", [](Request& request) {
    return Response::text(HttpStatus::kOk, request.base_url);
  });
  RunningServer running({.public_url = PublicUrl::parse("https://id.example.com")},
                        std::move(configured));
  RawClient client(running.port());
  client.send("GET /base HTTP/1.1\r\nHost: evil.example\r\n\r\n");
  EXPECT_EQ(client.read_response()->body, "https://id.example.com");
}

// Security: a TLS ClientHello on the plain port, or garbage, is answered and closed as soon
// as its first bytes arrive; the header deadline is set far beyond the read limits below, so
// passing proves the server did not wait for it.
TEST(Server, BytesThatCannotBeginARequestAre400AndClosedAtOnce) {
  Fixture fixture;
  RunningServer running({.header_timeout = std::chrono::seconds(120)}, fixture.routes());
  using namespace std::string_view_literals;
  for (const std::string_view bytes : {
           "\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03"sv,
           "\x00\xff\x13\x37garbage"sv,
           "GET /a\x7f HTTP/1.1\r\n"sv,
       }) {
    RawClient client(running.port());
    client.send(bytes);
    const auto response = client.read_response(3s);
    ASSERT_TRUE(response) << ::testing::PrintToString(std::string(bytes));
    EXPECT_EQ(response->status, 400);
    EXPECT_TRUE(client.closed_by_peer(3s));
  }
}

TEST(Server, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto missing = client.read_response();
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, "");
  client.send("DELETE /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto wrong = client.read_response();
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->header("Allow"), "POST");
}

// A filter that answers OPTIONS itself and stamps every other answer, as the CORS filter does.
class StampingFilter final : public RequestFilter {
 public:
  std::optional<Response> before(const Request& request) const override {
    if (request.method != "OPTIONS") return std::nullopt;
    Response early = Response::empty(HttpStatus::kOk);
    early.set_header("X-Early", "yes");
    return early;
  }
  void after(const Request&, Response& response) const override {
    response.add_header("X-Stamp", "after");
  }
};

TEST(Server, TheRoutersFilterAnswersFirstAndStampsEveryRoutedAnswer) {
  Fixture fixture;
  const StampingFilter filter;
  Router router = fixture.routes();
  router.filter_with(&filter);
  RunningServer running({}, std::move(router));
  RawClient client(running.port());
  client.send("OPTIONS /secret HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto early = client.read_response();
  ASSERT_TRUE(early);
  EXPECT_EQ(early->status, 200);
  EXPECT_EQ(early->header("X-Early"), "yes");
  EXPECT_FALSE(early->header("X-Stamp"));
  EXPECT_EQ(fixture.secret_calls.load(), 0);
  for (const auto* target : {"/hello", "/nope", "/throw"}) {
    client.send(std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto routed = client.read_response();
    ASSERT_TRUE(routed);
    EXPECT_EQ(routed->header("X-Stamp"), "after") << target;
  }
}

TEST(Server, OptionsWithoutAFilterAnswers204WithAllow) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("OPTIONS /echo HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto answer = client.read_response();
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 204);
  EXPECT_EQ(answer->header("Allow"), "POST, OPTIONS");
}

TEST(Server, HeadIsServedByTheGetRouteWithoutTheBody) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = client.read_response(5s, /*head_request=*/true);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->header("Content-Length"), "6");
  // The next response must start right away: no body bytes were sent for HEAD.
  client.send("GET /inline HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto next = client.read_response();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "inline");
}

TEST(Server, DeclaredContentLengthOverTheBodyLimitIsRefusedBeforeTheBody) {
  Fixture fixture;
  RunningServer running({.body_limit = 1024}, fixture.routes());
  RawClient client(running.port());
  client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, ChunkedBodyOverTheBodyLimitIsRefused) {
  Fixture fixture;
  RunningServer running({.body_limit = 16}, fixture.routes());
  RawClient client(running.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "20\r\n0123456789abcdef0123456789abcdef\r\n0\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, HeaderBlockOverTheHeaderLimitIsRefusedWith431) {
  Fixture fixture;
  RunningServer running({.header_limit = 1024}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(4000, 'a') + "\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(client.closed_by_peer());
}

// CL.TE: a front end honouring Content-Length would forward the "smuggled" GET as part of the
// body; a back end honouring chunked would answer it as a second request.
TEST(Server, RequestWithBothContentLengthAndTransferEncodingIsRefused) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  for (const std::string_view framing : {"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
                                         "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"}) {
    RawClient client(running.port());
    client.send("POST /echo HTTP/1.1\r\nHost: x\r\n" + std::string(framing) +
                "\r\n0\r\n\r\nGET /secret HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    std::string extra;
    EXPECT_TRUE(client.closed_by_peer(5s, &extra));
    EXPECT_EQ(extra, "") << "the smuggled request must not be answered";
  }
  EXPECT_EQ(fixture.secret_calls.load(), 0);
}

TEST(Server, DuplicateContentLengthIsRefusedAndTheConnectionClosed) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\n"
      "abcd");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, ConflictingContentLengthIsRefused) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, TransferEncodingOtherThanChunkedIsRefused) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  {
    RawClient client(running.port());
    client.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
        "GET /secret HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_TRUE(client.closed_by_peer());
  }
  {
    RawClient client(running.port());
    client.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        "0\r\n\r\n");
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 501);
    EXPECT_TRUE(client.closed_by_peer());
  }
  EXPECT_EQ(fixture.secret_calls.load(), 0);
}

TEST(Server, ObsFoldAndBareLfAreRefused) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  for (const std::string_view raw :
       {"GET /hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n",
        "GET /hello HTTP/1.1\nHost: x\n\n", "GET /hello HTTP/1.1\r\nBad Name: x\r\nHost: x\r\n\r\n",
        "GET /hello HTTP/1.1\r\n\r\n"}) {
    RawClient client(running.port());
    client.send(raw);
    const auto response = client.read_response();
    ASSERT_TRUE(response) << raw;
    EXPECT_EQ(response->status, 400) << raw;
    EXPECT_TRUE(client.closed_by_peer()) << raw;
  }
}

TEST(Server, UnsupportedMethodIsNotImplemented) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("TRACE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 501);
}

TEST(Server, MalformedTargetIs400) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /hello?x=%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
}

TEST(Server, ChunkedBodyReachesTheHandler) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello, world");
}

TEST(Server, ExpectContinueGetsAnInterimResponseBeforeTheBody) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  const auto interim = client.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  client.send("body");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "body");
}

TEST(Server, Http10WithoutKeepAliveIsClosedAfterTheResponse) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /inline HTTP/1.0\r\n\r\n");
  const auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, ConnectionCloseIsHonoured) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient client(running.port());
  client.send("GET /inline HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(client.read_response());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST(Server, HandlerExceptionAnswers500AndTheServerKeepsServing) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  {
    RawClient client(running.port());
    client.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.read_response();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 500);
    EXPECT_EQ(response->body.find("boom"), std::string::npos);
    // The same connection still works: the failure was the handler's, not the framing's.
    client.send(kGetHello);
    EXPECT_EQ(client.read_response()->status, 200);
  }
  RawClient next(running.port());
  next.send(kGetHello);
  const auto response = next.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

// An outage (store::StoreUnavailable is an Unavailable) is a 503 with FusionAuth's Errors body
// and Retry-After, on a worker and on the io thread alike; the detail stays in the log.
TEST(Server, UnavailableDependencyAnswers503WithErrorsBodyAndRetryAfter) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  for (const std::string path : {"/unavailable", "/unavailable-inline"}) {
    RawClient client(running.port());
    client.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.read_response();
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 503) << path;
    EXPECT_NE(response->head.find("Retry-After: 1"), std::string::npos) << path;
    EXPECT_NE(response->head.find("application/json"), std::string::npos) << path;
    EXPECT_NE(response->body.find(R"("generalErrors":[{"code":"[ServiceUnavailable]")"),
              std::string::npos)
        << response->body;
    EXPECT_EQ(response->body.find("within 5 ms"), std::string::npos) << path;
    EXPECT_EQ(response->body.find("locked"), std::string::npos) << path;
    // The connection still serves: an outage is not a framing failure.
    client.send(kGetHello);
    EXPECT_EQ(client.read_response()->status, 200) << path;
  }
}

// Each timeout test sets the timeout it names to 1 s and every other one far beyond the test's
// patience, so only that timeout can close the connection; it must not close before (the
// connection is still open after half of it), and it closes silently: a slow client gets no
// answer to read.
constexpr auto kNever = std::chrono::seconds(600);

TEST(Server, SlowHeaderIsCutOffAfterTheHeaderTimeout) {
  Fixture fixture;
  RunningServer running({.header_timeout = 1s, .body_timeout = kNever, .idle_timeout = kNever},
                        fixture.routes());
  RawClient client(running.port());
  client.send("GET /hello HT");
  EXPECT_FALSE(client.closed_by_peer(500ms)) << "closed before the header timeout";
  std::string sent;
  EXPECT_TRUE(client.closed_by_peer(10s, &sent));
  EXPECT_EQ(sent, "");
}

TEST(Server, IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout) {
  Fixture fixture;
  RunningServer running({.header_timeout = kNever, .body_timeout = kNever, .idle_timeout = 1s},
                        fixture.routes());
  RawClient client(running.port());
  client.send(kGetHello);
  ASSERT_TRUE(client.read_response());
  EXPECT_FALSE(client.closed_by_peer(500ms)) << "closed before the idle timeout";
  std::string sent;
  EXPECT_TRUE(client.closed_by_peer(10s, &sent));
  EXPECT_EQ(sent, "");
}

TEST(Server, SlowBodyIsCutOffAfterTheBodyTimeout) {
  Fixture fixture;
  RunningServer running({.header_timeout = kNever, .body_timeout = 1s, .idle_timeout = kNever},
                        fixture.routes());
  RawClient client(running.port());
  client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_FALSE(client.closed_by_peer(500ms)) << "closed before the body timeout";
  std::string sent;
  EXPECT_TRUE(client.closed_by_peer(10s, &sent));
  EXPECT_EQ(sent, "");
}

TEST(Server, GracefulStopLetsAnInFlightRequestFinish) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  RawClient busy(running.port());
  RawClient idle(running.port());
  idle.send(kGetHello);
  ASSERT_TRUE(idle.read_response());
  busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(fixture.slow_entered.get_future().wait_for(5s), std::future_status::ready);

  running.server().stop();
  EXPECT_TRUE(idle.closed_by_peer()) << "an idle keep-alive connection is closed at once";
  EXPECT_FALSE(running.run_returned());
  fixture.slow_release.set_value();

  const auto response = busy.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "slow done");
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_TRUE(busy.closed_by_peer());
  EXPECT_TRUE(running.wait_for_run_to_return(5s));
}

TEST(Server, StopWithNoConnectionsReturnsAtOnce) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  running.server().stop();
  EXPECT_TRUE(running.wait_for_run_to_return(5s));
}

TEST(Server, FullWorkerPoolAnswers503WithRetryAfter) {
  Fixture fixture;
  RunningServer running({.worker_threads = 1, .worker_queue_limit = 0}, fixture.routes());
  RawClient busy(running.port());
  busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(fixture.slow_entered.get_future().wait_for(5s), std::future_status::ready);

  RawClient refused(running.port());
  refused.send(kGetHello);
  const auto response = refused.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->header("Retry-After"), "1");
  // Handlers on the io threads are not queued behind the pool.
  refused.send("GET /inline HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.read_response()->status, 200);

  fixture.slow_release.set_value();
  EXPECT_EQ(busy.read_response()->status, 200);
}

TEST(Server, ConnectionsBeyondMaxConnectionsAreClosedAtOnce) {
  Fixture fixture;
  RunningServer running({.max_connections = 1}, fixture.routes());
  RawClient first(running.port());
  first.send(kGetHello);
  ASSERT_TRUE(first.read_response());
  RawClient second(running.port());
  EXPECT_TRUE(second.closed_by_peer());
  first.send(kGetHello);
  EXPECT_EQ(first.read_response()->status, 200);
}

TEST(Server, ListenOnABusyPortThrowsAClearError) {
  Fixture fixture;
  RunningServer running({}, fixture.routes());
  Router router;
  Server second({.port = running.port()}, router);
  try {
    (void)second.listen();
    FAIL() << "listen should have thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(std::to_string(running.port())), std::string::npos);
  }
}

}  // namespace
}  // namespace latchkey::http
