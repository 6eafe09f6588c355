#pragma once
// application/x-www-form-urlencoded bodies (WHATWG URL §5.1): `&`-separated name=value pairs,
// percent-decoded, with `+` meaning a space.
//
//   const auto form = Form::parse(request.body);
//   if (!form) return bad_request();
//   const auto grant_type = form->get("grant_type");

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace latchkey::http {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Every pair in order, decoded; nothing when the body is not a valid form (a malformed
// percent-escape such as "%G1" or a truncated "%4", or a character a form never carries raw).
// An empty body is an empty form. A pair without `=` has an empty value.
[[nodiscard]] std::optional<FormFields> parse_form(std::string_view body);

class Form {
 public:
  explicit Form(FormFields fields) : fields_(std::move(fields)) {}
  [[nodiscard]] static std::optional<Form> parse(std::string_view body);

  // The first value of `name`, if sent.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // Every value of `name`, in order.
  [[nodiscard]] std::vector<std::string> get_all(std::string_view name) const;
  [[nodiscard]] bool contains(std::string_view name) const;
  // How many times `name` was sent: OAuth (RFC 6749 §3.1) forbids repeating a parameter.
  [[nodiscard]] std::size_t count(std::string_view name) const;
  [[nodiscard]] const FormFields& fields() const { return fields_; }

 private:
  FormFields fields_;
};

}  // namespace latchkey::http
