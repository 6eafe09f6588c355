#include "http/router.hpp"

#include <array>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace latchkey::http {
namespace {

struct Route {
  std::string method;
  Handler handler;
  RunOn run_on;
  std::vector<std::string> param_names;  // in template order
  std::string path_template;             // as added, for Request::route_template
};

// No route is this deep; a longer path is simply not found, and matching needs no allocation.
constexpr std::size_t kMaxSegments = 32;

struct Segments {
  std::array<std::string_view, kMaxSegments> items{};
  std::size_t size = 0;
};

// Splits "/a/b/c" into {"a","b","c"}; a single trailing slash is ignored ("/a/" is "/a").
// Answers false for a path that does not start with "/" or has too many segments.
bool split_path(std::string_view path, Segments& segments) {
  if (path.empty() || path.front() != '/') return false;
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return true;  // the root
  while (true) {
    if (segments.size == kMaxSegments) return false;
    const auto slash = path.find('/');
    segments.items[segments.size++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 §2.1 percent-decoding of one segment; false on a malformed escape.
bool percent_decode(std::string_view text, std::string& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || hex_digit(text[i + 1]) < 0 || hex_digit(text[i + 2]) < 0) {
      return false;
    }
    out += static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
    i += 2;
  }
  return true;
}

// A request path split on its literal slashes first and decoded segment by segment, so
// "/api/user/a%2Fb" is the two segments "api", "user" and the one segment "a/b".
struct RequestSegments {
  Segments segments;
  std::array<std::string, kMaxSegments> decoded{};  // storage for segments that had escapes
};

// Security: "." and ".." (however encoded) are refused rather than resolved: no route has
// them, and resolving them would let "/api/user/%2e%2e/x" select a route other than the
// one its segments spell. Answers false (not found) for them and for a malformed escape.
bool split_request_path(std::string_view raw_path, RequestSegments& out) {
  if (!split_path(raw_path, out.segments)) return false;
  for (std::size_t i = 0; i < out.segments.size; ++i) {
    std::string_view& segment = out.segments.items[i];
    if (segment.find('%') != std::string_view::npos) {
      if (!percent_decode(segment, out.decoded[i])) return false;
      segment = out.decoded[i];
    }
    if (segment == "." || segment == "..") return false;
  }
  return true;
}

struct TransparentHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

}  // namespace

// A segment trie: each node has literal children, at most one parameter child, and the routes
// that end there, one per method.
struct Router::Node {
  std::unordered_map<std::string, std::unique_ptr<Node>, TransparentHash, std::equal_to<>> literals;
  std::unique_ptr<Node> parameter;
  std::vector<Route> routes;

  // Depth-first, literal child before parameter child, so a literal segment wins; backtracks
  // when the literal branch ends without routes. `captured` holds the parameter values on the
  // current branch.
  const Node* find(const Segments& segments, std::size_t depth, Segments& captured) const {
    if (depth == segments.size) return routes.empty() ? nullptr : this;
    const std::string_view segment = segments.items[depth];
    if (const auto it = literals.find(segment); it != literals.end()) {
      if (const auto* found = it->second->find(segments, depth + 1, captured)) return found;
    }
    if (parameter && !segment.empty()) {
      captured.items[captured.size++] = segment;
      if (const auto* found = parameter->find(segments, depth + 1, captured)) return found;
      --captured.size;
    }
    return nullptr;
  }
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

void Router::add(std::string method, std::string path_template, Handler handler, RunOn run_on) {
  Segments segments;
  if (!split_path(path_template, segments)) {
    throw std::invalid_argument("route template must start with '/' and be shallow: " +
                                path_template);
  }
  Node* node = root_.get();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < segments.size; ++i) {
    const std::string_view segment = segments.items[i];
    if (segment.empty()) throw std::invalid_argument("empty segment in route " + path_template);
    const bool opens = segment.front() == '{';
    const bool closes = segment.back() == '}';
    if (opens != closes || (opens && segment.size() < 3) ||
        segment.substr(opens ? 1 : 0, segment.size() - (opens ? 2 : 0)).find_first_of("{}") !=
            std::string_view::npos) {
      throw std::invalid_argument("malformed segment in route " + path_template);
    }
    if (opens) {
      std::string name(segment.substr(1, segment.size() - 2));
      for (const auto& existing : names) {
        if (existing == name) throw std::invalid_argument("repeated parameter in " + path_template);
      }
      names.push_back(std::move(name));
      if (!node->parameter) node->parameter = std::make_unique<Node>();
      node = node->parameter.get();
    } else {
      auto& child = node->literals[std::string(segment)];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    }
  }
  for (const auto& route : node->routes) {
    if (route.method == method) {
      throw std::invalid_argument("route added twice: " + method + " " + path_template);
    }
  }
  node->routes.push_back(Route{std::move(method), std::move(handler), run_on, std::move(names),
                               std::move(path_template)});
}

Router::Match Router::match(Request& request) const {
  Match result;
  // Requests built by hand (tests, in-process kickstart steps) may carry only `path`.
  RequestSegments split;
  if (!split_request_path(request.raw_path.empty() ? request.path : request.raw_path, split)) {
    return result;
  }
  const Segments& segments = split.segments;
  Segments captured;
  const Node* node = root_->find(segments, 0, captured);
  if (node == nullptr) return result;

  const auto find_route = [node](std::string_view method) -> const Route* {
    for (const auto& route : node->routes) {
      if (route.method == method) return &route;
    }
    return nullptr;
  };
  const Route* route = find_route(request.method);
  // RFC 9110 §9.3.2: HEAD is GET without content; the session drops the body.
  if (route == nullptr && request.method == "HEAD") route = find_route("GET");

  if (route != nullptr) {
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < route->param_names.size(); ++i) {
      params.emplace(route->param_names[i], captured.items[i]);
    }
    request.path_params = std::move(params);
    request.route_template = route->path_template;
    result.handler = &route->handler;
    result.run_on = route->run_on;
    result.status = HttpStatus::kOk;
    return result;
  }

  result.status = HttpStatus::kMethodNotAllowed;
  for (const auto& candidate : node->routes) {
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += candidate.method;
  }
  if (find_route("GET") != nullptr && find_route("HEAD") == nullptr) result.allow += ", HEAD";
  if (request.method == "OPTIONS") {
    // RFC 9110 §9.3.7: OPTIONS on a resource answers which methods it has. (A CORS preflight
    // is answered before routing, by the router's filter, when CORS is on.)
    result.status = HttpStatus::kNoContent;
    result.allow += ", OPTIONS";
  }
  return result;
}

Response Router::Match::error_response() const {
  if (status == HttpStatus::kNoContent || status == HttpStatus::kMethodNotAllowed) {
    Response response = Response::empty(status);
    response.set_header("Allow", allow);
    return response;
  }
  return Response::empty(HttpStatus::kNotFound);
}

}  // namespace latchkey::http
