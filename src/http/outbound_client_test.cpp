// The outbound client against a real local receiver: the non-public address check runs on the
// address curl connects to, after name resolution.
#include "http/outbound_client.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "http/test_client.hpp"

namespace latchkey::http {
namespace {

struct Receiver {
  std::atomic<int> calls{0};
  Router routes() {
    Router router;
    router.add("POST", "/hook", [this](Request&) {
      ++calls;
      return Response::empty(HttpStatus::kOk);
    });
    return router;
  }
};

OutboundRequest post_to(std::string url) {
  OutboundRequest request;
  request.url = std::move(url);
  request.body = "{}";
  return request;
}

// Security: "localhost" names no literal address, so only a check on the resolved address
// (the one a rebinding DNS answer would also reach) catches it.
TEST(OutboundClient, NamesResolvingToLoopbackAreRefusedAtConnectTime) {
  Receiver receiver;
  testing::RunningServer running({}, receiver.routes());
  const std::string port = std::to_string(running.port());
  const OutboundClient client;
  const auto results = client.post_all({post_to("http://localhost:" + port + "/hook"),
                                        post_to("http://127.0.0.1:" + port + "/hook"),
                                        post_to("http://0x7f.1:" + port + "/hook")});
  for (const auto& result : results) {
    EXPECT_FALSE(result.succeeded());
    EXPECT_NE(result.error.find("refused"), std::string::npos) << result.error;
  }
  EXPECT_EQ(receiver.calls.load(), 0);
}

TEST(OutboundClient, PrivateAddressesAreReachedWhenTheOperatorAllowsThem) {
  Receiver receiver;
  testing::RunningServer running({}, receiver.routes());
  const OutboundClient client(/*allow_private_addresses=*/true);
  const auto results =
      client.post_all({post_to("http://localhost:" + std::to_string(running.port()) + "/hook")});
  ASSERT_EQ(results.size(), 1U);
  EXPECT_TRUE(results[0].succeeded()) << results[0].error;
  EXPECT_EQ(receiver.calls.load(), 1);
}

}  // namespace
}  // namespace latchkey::http
