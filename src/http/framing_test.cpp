#include "http/framing.hpp"

#include <gtest/gtest.h>

namespace latchkey::http {
namespace {

Fields with_host(Fields fields) {
  fields.emplace_back("Host", "localhost");
  return fields;
}

TEST(Framing, PlainRequestsPass) {
  EXPECT_EQ(check_framing(with_host({}), true), std::nullopt);
  EXPECT_EQ(check_framing(with_host({{"Content-Length", "12"}}), true), std::nullopt);
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "Chunked"}}), true), std::nullopt);
}

TEST(Framing, RequestWithBothContentLengthAndTransferEncodingIsRefused) {
  EXPECT_EQ(
      check_framing(with_host({{"Content-Length", "4"}, {"Transfer-Encoding", "chunked"}}), true),
      HttpStatus::kBadRequest);
}

TEST(Framing, DuplicateContentLengthIsRefusedEvenWhenEqual) {
  EXPECT_EQ(check_framing(with_host({{"Content-Length", "4"}, {"content-length", "4"}}), true),
            HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Content-Length", "4, 4"}}), true), HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Content-Length", "+4"}}), true), HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Content-Length", ""}}), true), HttpStatus::kBadRequest);
}

TEST(Framing, TransferEncodingWhoseFinalCodingIsNotChunkedIsRefused) {
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "gzip"}}), true),
            HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "chunked, gzip"}}), true),
            HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "x"}}),
                          true),
            HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", ""}}), true), HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "chunked, chunked"}}), true),
            HttpStatus::kBadRequest);
}

TEST(Framing, UnknownCodingBeforeChunkedIsNotImplemented) {
  EXPECT_EQ(check_framing(with_host({{"Transfer-Encoding", "gzip, chunked"}}), true),
            HttpStatus::kNotImplemented);
  EXPECT_EQ(check_framing(
                with_host({{"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}}), true),
            HttpStatus::kNotImplemented);
}

TEST(Framing, Http11NeedsExactlyOneHost) {
  EXPECT_EQ(check_framing({}, true), HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing({{"Host", "a"}, {"Host", "b"}}, true), HttpStatus::kBadRequest);
  EXPECT_EQ(check_framing({}, false), std::nullopt);
  EXPECT_EQ(check_framing({{"Host", "a"}, {"host", "b"}}, false), HttpStatus::kBadRequest);
}

}  // namespace
}  // namespace latchkey::http

namespace latchkey::http {
namespace {

TEST(HeaderBlockScan, FindsTheEmptyLineThatEndsTheBlock) {
  EXPECT_EQ(scan_header_block(""), HeaderBlock::kIncomplete);
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nHost: x\r\n"), HeaderBlock::kIncomplete);
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nHost: x\r\n\r"), HeaderBlock::kIncomplete);
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody"), HeaderBlock::kComplete);
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\nHost: x\n\n"), HeaderBlock::kComplete);
}

TEST(HeaderBlockScan, ObsFoldIsReported) {
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n"), HeaderBlock::kObsFold);
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n"), HeaderBlock::kObsFold);
  // A space after the block's end is body, not a fold.
  EXPECT_EQ(scan_header_block("GET / HTTP/1.1\r\nX: a\r\n\r\n b"), HeaderBlock::kComplete);
}

TEST(MayBeginRequest, EveryPrefixOfARealRequestIsPlausible) {
  const std::string_view request = "\r\nPOST /api/user/x%2Fy?a=b HTTP/1.1\r\nHost: x\r\n\r\n";
  for (std::size_t n = 0; n <= request.size(); ++n) {
    EXPECT_TRUE(may_begin_request(request.substr(0, n))) << n;
  }
  EXPECT_TRUE(may_begin_request("GET http://host/a HTTP/1.0\n"));
}

TEST(MayBeginRequest, BytesNoRequestCanStartWithAreRefusedAtOnce) {
  using namespace std::string_view_literals;
  for (const std::string_view bytes : {
           "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"sv,  // TLS ClientHello
           "\x16"sv,
           "\x00\x01\x02"sv,
           "\xff\xfe"sv,
           " GET / HTTP/1.1"sv,
           "GET  / HTTP/1.1"sv,
           "GET /a\x01b HTTP/1.1"sv,
           "GET /\xe2\x82\xac HTTP/1.1"sv,
           "GET / HTTQ"sv,
           "GET / HTTP/1.x"sv,
           "GET / HTTP/1.1 extra"sv,
           "GET / HTTP/1.1\rX"sv,
           "GE(T / HTTP/1.1"sv,
           "\r\r"sv,
           "AVERYLONGMETHODNAMETHATISNOTREAL"sv,
       }) {
    EXPECT_FALSE(may_begin_request(bytes)) << ::testing::PrintToString(std::string(bytes));
  }
}

}  // namespace
}  // namespace latchkey::http
