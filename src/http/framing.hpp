#pragma once
// Decides, from the header block alone, whether a request's body length is unambiguous before a
// single body byte is read. Beast's parser already refuses the worst cases; this check refuses
// the rest, so two parties can never disagree about where a request ends (request smuggling,
// RFC 9112 §6.3 and §11.2).
//
//   if (const auto refusal = check_framing(headers, /*http_1_1=*/true)) answer(*refusal), close;

#include <optional>
#include <string_view>

#include "core/http_status.hpp"
#include "http/request.hpp"

namespace latchkey::http {

// Nothing when the framing is acceptable, else the status to answer before closing:
// - Content-Length and Transfer-Encoding together: 400 (RFC 9112 §6.3 item 3);
// - more than one Content-Length field, or a value that is not 1*DIGIT: 400 (§6.3 item 5);
// - Transfer-Encoding whose final coding is not chunked: 400 (§6.3 item 4);
// - chunked preceded by any other coding (gzip, chunked): 501, codings we do not implement
//   (§6.1);
// - HTTP/1.1 without exactly one Host field: 400 (§3.2).
[[nodiscard]] std::optional<HttpStatus> check_framing(const Fields& headers, bool http_1_1);

enum class HeaderBlock {
  kIncomplete,  // no empty line yet
  kComplete,    // an empty line ends the block
  kObsFold,     // a field line continues on the next line
};

// Scans raw bytes from the start of a request for the end of its header block. Beast's parser
// silently unfolds obs-fold; RFC 9112 §5.2 lets a server refuse it instead, and we do, since a
// proxy in front may have read the folded line as a field of its own.
[[nodiscard]] HeaderBlock scan_header_block(std::string_view bytes);

// Whether `bytes`, the start of a request as received so far, can still be the beginning of
// an HTTP/1.x request-line (RFC 9112 §3: method SP request-target SP HTTP-version CRLF; empty
// lines before it are allowed, §2.2). False as soon as a byte rules it out, e.g. a TLS
// ClientHello (0x16 0x03 ...) on the plain port, binary garbage, or a control character in
// the target, so such a peer is answered 400 and closed at once instead of holding its
// connection until the header deadline.
[[nodiscard]] bool may_begin_request(std::string_view bytes);

}  // namespace latchkey::http
