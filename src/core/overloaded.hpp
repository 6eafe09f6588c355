#pragma once
// One visitor from several lambdas, for std::visit over an outcome variant:
//
//   std::visit(Overloaded{[](const LoggedIn& in) { ... }, [](const LoginThrottled& t) { ... }},
//              outcome);

namespace latchkey {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};

}  // namespace latchkey
