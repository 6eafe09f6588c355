#include "http/form.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace latchkey::http {

std::optional<FormFields> parse_form(std::string_view body) {
  FormFields fields;
  if (body.empty()) return fields;
  // Security: parse_query validates every percent-escape before anything is decoded, so
  // "%G1" or a trailing "%4" refuses the whole form instead of being guessed at.
  if (!boost::urls::parse_query(body)) return std::nullopt;
  const boost::urls::encoding_opts plus_is_space(/*space_as_plus=*/true);
  // Validated above, so this constructor (which throws on bad input) cannot throw.
  for (const auto& param : boost::urls::params_view(body, plus_is_space)) {
    // "a&&b" holds an empty pair between the two `&`; browsers never send one, so drop it.
    if (param.key.empty() && !param.has_value) continue;
    fields.emplace_back(param.key, param.has_value ? param.value : std::string());
  }
  return fields;
}

std::optional<Form> Form::parse(std::string_view body) {
  auto fields = parse_form(body);
  if (!fields) return std::nullopt;
  return Form(std::move(*fields));
}

std::optional<std::string> Form::get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

std::vector<std::string> Form::get_all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : fields_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

bool Form::contains(std::string_view name) const { return count(name) > 0; }

std::size_t Form::count(std::string_view name) const {
  std::size_t n = 0;
  for (const auto& field : fields_) {
    if (field.first == name) ++n;
  }
  return n;
}

}  // namespace latchkey::http
