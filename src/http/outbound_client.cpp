#include "http/outbound_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "core/ip_address.hpp"

namespace latchkey::http {
namespace {

struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using ListPtr = std::unique_ptr<curl_slist, ListDeleter>;

// The receiver's answer body is not used; reading (and dropping) it lets the transfer finish.
std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

bool has_line_break(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

struct Transfer {
  EasyPtr easy;
  ListPtr headers;
  std::string credentials;
  bool refused_address = false;  // the connection was to a non-public address, not allowed
};

std::optional<IpAddress> address_of(const curl_sockaddr& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.family == AF_INET) {
    sockaddr_in v4{};
    std::memcpy(&v4, &address.addr, sizeof v4);
    if (::inet_ntop(AF_INET, &v4.sin_addr, text.data(), text.size()) == nullptr) return {};
  } else if (address.family == AF_INET6) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &address.addr, sizeof v6);
    if (::inet_ntop(AF_INET6, &v6.sin6_addr, text.data(), text.size()) == nullptr) return {};
  } else {
    return std::nullopt;
  }
  return IpAddress::parse(text.data());
}

// Security: the check runs on the address libcurl is about to connect to, after its own DNS
// lookup, so a name that resolved to a public address when the webhook was saved and to
// 127.0.0.1 now (DNS rebinding) is still refused. Every address curl tries passes here.
curl_socket_t open_public_socket(void* data, curlsocktype purpose, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(data);
  if (purpose == CURLSOCKTYPE_IPCXN && address != nullptr) {
    const auto ip = address_of(*address);
    if (!ip || is_non_public(*ip)) {
      transfer->refused_address = true;
      return CURL_SOCKET_BAD;
    }
  }
  if (address == nullptr) return CURL_SOCKET_BAD;
  return ::socket(address->family, address->socktype, address->protocol);
}

Transfer prepare(const OutboundRequest& request) {
  Transfer transfer{EasyPtr(curl_easy_init()), nullptr, {}};
  CURL* easy = transfer.easy.get();
  if (easy == nullptr) throw std::runtime_error("curl_easy_init failed");
  curl_slist* list = nullptr;
  list = curl_slist_append(list, "Content-Type: application/json");
  list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
  for (const auto& [name, value] : request.headers) {
    // Security: a header must not smuggle a second header or a request line.
    if (name.empty() || has_line_break(name) || has_line_break(value)) continue;
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  transfer.headers.reset(list);
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  // Security: webhooks reach http(s) only, and a redirect is a failed delivery, never a second
  // request to wherever the receiver points (SSRF through a redirect).
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
  curl_easy_setopt(easy, CURLOPT_POST, 1L);
  curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(request.connect_timeout.count()));
  // libcurl has no per-read timeout; the whole exchange is bounded by connect + read, which is
  // the most a FusionAuth webhook may take.
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>((request.connect_timeout + request.read_timeout).count()));
  if (request.basic_auth) {
    curl_easy_setopt(easy, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(easy, CURLOPT_USERNAME, request.basic_auth->first.c_str());
    curl_easy_setopt(easy, CURLOPT_PASSWORD, request.basic_auth->second.c_str());
  }
  return transfer;
}

OutboundResult outcome(CURL* easy, CURLcode code) {
  OutboundResult result;
  if (code != CURLE_OK) {
    result.error = curl_easy_strerror(code);
    return result;
  }
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  result.status = static_cast<int>(status);
  if (!result.succeeded()) result.error = "HTTP " + std::to_string(status);
  return result;
}

}  // namespace

OutboundClient::OutboundClient(bool allow_private_addresses)
    : allow_private_addresses_(allow_private_addresses) {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("curl_global_init failed");
    }
  });
}

std::vector<OutboundResult> OutboundClient::post_all(
    const std::vector<OutboundRequest>& requests) const {
  std::vector<OutboundResult> results(requests.size());
  if (requests.empty()) return results;
  std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi) throw std::runtime_error("curl_multi_init failed");
  std::vector<Transfer> transfers;
  transfers.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    transfers.push_back(prepare(requests[i]));
    if (!allow_private_addresses_) {
      // `transfers` never reallocates (reserved above), so the pointer stays valid.
      curl_easy_setopt(transfers.back().easy.get(), CURLOPT_OPENSOCKETFUNCTION, open_public_socket);
      curl_easy_setopt(transfers.back().easy.get(), CURLOPT_OPENSOCKETDATA, &transfers.back());
    }
    // libcurl's CURLOPT_PRIVATE is a void*; it carries the transfer's index, never a pointer.
    // NOLINTNEXTLINE(performance-no-int-to-ptr)
    curl_easy_setopt(transfers.back().easy.get(), CURLOPT_PRIVATE, reinterpret_cast<void*>(i));
    curl_multi_add_handle(multi.get(), transfers.back().easy.get());
  }
  int running = 0;
  do {
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 100, nullptr);
  } while (running > 0);
  int left = 0;
  while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
    if (message->msg != CURLMSG_DONE) continue;
    void* index = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &index);
    const auto at = reinterpret_cast<std::size_t>(index);
    results.at(at) = outcome(message->easy_handle, message->data.result);
    if (transfers.at(at).refused_address && results.at(at).status == 0) {
      results.at(at).error = "refused: the address is loopback, private or link-local";
    }
  }
  for (auto& transfer : transfers) curl_multi_remove_handle(multi.get(), transfer.easy.get());
  for (auto& result : results) {
    if (result.status == 0 && result.error.empty()) result.error = "no response";
  }
  return results;
}

}  // namespace latchkey::http
