#include "http/framing.hpp"

#include <string_view>
#include <vector>

namespace latchkey::http {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Appends the comma-separated codings of one Transfer-Encoding field (RFC 9110 §5.6.1 list;
// empty elements are allowed and ignored).
void append_codings(std::string_view value, std::vector<std::string_view>& codings) {
  while (true) {
    const auto comma = value.find(',');
    const auto element = trim_ows(value.substr(0, comma));
    if (!element.empty()) codings.push_back(element);
    if (comma == std::string_view::npos) return;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

std::optional<HttpStatus> check_framing(const Fields& headers, bool http_1_1) {
  std::size_t content_lengths = 0;
  std::size_t transfer_encodings = 0;
  std::size_t hosts = 0;
  bool content_length_malformed = false;
  std::vector<std::string_view> codings;

  for (const auto& [name, value] : headers) {
    if (iequals(name, "content-length")) {
      ++content_lengths;
      // Security: "5, 5" is tolerated by RFC 9110 §8.6 but refused here; a list only ever
      // comes from a confused or hostile intermediary.
      if (!all_digits(trim_ows(value))) content_length_malformed = true;
    } else if (iequals(name, "transfer-encoding")) {
      ++transfer_encodings;
      append_codings(value, codings);
    } else if (iequals(name, "host")) {
      ++hosts;
    }
  }

  // Security: a request carrying both is the classic CL.TE / TE.CL smuggling vector; refuse it
  // rather than pick one, since an upstream proxy may have picked the other.
  if (content_lengths > 0 && transfer_encodings > 0) return HttpStatus::kBadRequest;
  if (content_lengths > 1 || content_length_malformed) return HttpStatus::kBadRequest;
  if (transfer_encodings > 0) {
    if (codings.empty() || !iequals(codings.back(), "chunked")) return HttpStatus::kBadRequest;
    if (codings.size() > 1) {
      for (std::size_t i = 0; i + 1 < codings.size(); ++i) {
        if (iequals(codings[i], "chunked")) return HttpStatus::kBadRequest;  // chunked twice
      }
      return HttpStatus::kNotImplemented;
    }
  }
  if (http_1_1 && hosts != 1) return HttpStatus::kBadRequest;
  if (!http_1_1 && hosts > 1) return HttpStatus::kBadRequest;
  return std::nullopt;
}

HeaderBlock scan_header_block(std::string_view bytes) {
  // Every line break is LF or CRLF (bare LF is refused later by the parser). A line that
  // starts with SP or HTAB right after a field line is obs-fold; an empty line ends the block.
  for (std::size_t lf = bytes.find('\n'); lf != std::string_view::npos;
       lf = bytes.find('\n', lf + 1)) {
    const std::string_view rest = bytes.substr(lf + 1);
    if (rest.empty()) return HeaderBlock::kIncomplete;
    if (rest.front() == '\n' || rest.starts_with("\r\n")) return HeaderBlock::kComplete;
    if (rest.front() == ' ' || rest.front() == '\t') return HeaderBlock::kObsFold;
    if (rest == "\r") return HeaderBlock::kIncomplete;
  }
  return HeaderBlock::kIncomplete;
}

namespace {

// Methods we would ever route are short; a longer token is garbage, not a method.
constexpr std::size_t kMaxMethodLength = 20;

}  // namespace

bool may_begin_request(std::string_view bytes) {
  while (bytes.starts_with("\r\n")) bytes.remove_prefix(2);
  if (bytes == "\r") return true;
  std::size_t i = 0;
  // method
  while (i < bytes.size() && is_tchar(bytes[i])) ++i;
  if (i > kMaxMethodLength) return false;
  if (i == bytes.size()) return true;
  if (i == 0 || bytes[i] != ' ') return false;
  ++i;
  // request-target: visible ASCII only (RFC 3986 characters, % escapes included).
  const std::size_t target_start = i;
  while (i < bytes.size() && bytes[i] > 0x20 && bytes[i] < 0x7f) ++i;
  if (i == bytes.size()) return true;
  if (i == target_start || bytes[i] != ' ') return false;
  ++i;
  // HTTP-version = "HTTP/" DIGIT "." DIGIT, then CRLF (a bare LF is refused later, by the
  // parser, with the same 400).
  constexpr std::string_view kVersion = "HTTP/d.d";
  for (const char expected : kVersion) {
    if (i == bytes.size()) return true;
    const char c = bytes[i++];
    if (expected == 'd' ? (c < '0' || c > '9') : c != expected) return false;
  }
  if (i == bytes.size()) return true;
  if (bytes[i] == '\n') return true;
  if (bytes[i] != '\r') return false;
  return i + 1 == bytes.size() || bytes[i + 1] == '\n';
}

}  // namespace latchkey::http
