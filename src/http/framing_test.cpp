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

}  // namespace
}  // namespace latchkey::http
