// Micro-benchmarks of the per-request pure work in http/: routing, target parsing, forms.
// Needs in bench/CMakeLists.txt:
//   add_executable(http_bench http_bench.cpp)
//   target_link_libraries(http_bench PRIVATE latchkey_http benchmark::benchmark_main)
#include <benchmark/benchmark.h>

#include "http/form.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace {

using latchkey::HttpStatus;
using latchkey::http::Request;
using latchkey::http::Response;
using latchkey::http::Router;

Router fusionauth_like_routes() {
  Router router;
  const auto ok = [](Request&) { return Response::empty(HttpStatus::kOk); };
  for (const char* path : {"/api/user",
                           "/api/user/{userId}",
                           "/api/user/registration",
                           "/api/user/registration/{userId}/{applicationId}",
                           "/api/jwt/refresh",
                           "/api/jwt/refresh/{tokenId}",
                           "/api/jwt/validate",
                           "/api/jwt/issue",
                           "/api/login",
                           "/api/logout",
                           "/api/application",
                           "/api/application/{applicationId}",
                           "/api/tenant",
                           "/api/tenant/{tenantId}",
                           "/api/key",
                           "/api/key/{keyId}",
                           "/oauth2/token",
                           "/oauth2/authorize",
                           "/oauth2/introspect",
                           "/oauth2/userinfo",
                           "/.well-known/jwks.json",
                           "/.well-known/openid-configuration"}) {
    router.add("GET", path, ok);
    router.add("POST", path, ok);
  }
  return router;
}

void BM_RouteLiteral(benchmark::State& state) {
  const Router router = fusionauth_like_routes();
  Request request;
  request.method = "GET";
  request.path = "/api/jwt/validate";
  for (auto _ : state) benchmark::DoNotOptimize(router.match(request));
}
BENCHMARK(BM_RouteLiteral);

void BM_RouteTwoParameters(benchmark::State& state) {
  const Router router = fusionauth_like_routes();
  Request request;
  request.method = "GET";
  request.path = "/api/user/registration/2c7e0a4e-3f3b-4a6b-9c5e-1b2d3e4f5a6b/app-1";
  for (auto _ : state) benchmark::DoNotOptimize(router.match(request));
}
BENCHMARK(BM_RouteTwoParameters);

void BM_SetTarget(benchmark::State& state) {
  for (auto _ : state) {
    Request request;
    benchmark::DoNotOptimize(
        request.set_target("/oauth2/authorize?client_id=abc&redirect_uri=https%3A%2F%2Fapp%2Fcb"
                           "&response_type=code&scope=openid%20offline_access&state=xyz"));
  }
}
BENCHMARK(BM_SetTarget);

void BM_ParseForm(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(latchkey::http::parse_form(
        "grant_type=authorization_code&code=abcdefghijklmnop&redirect_uri=https%3A%2F%2Fapp%2Fcb"
        "&client_id=3c219e58-ed0e-4b18-ad48-f4f92793ae32&code_verifier=xyz"));
  }
}
BENCHMARK(BM_ParseForm);

}  // namespace
