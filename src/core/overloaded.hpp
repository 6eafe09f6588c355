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
// C++20 deduces this for an aggregate by itself; clang-tidy's clang 16 does not yet.
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace latchkey
