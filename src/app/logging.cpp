#include "app/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <memory>

#include "app/buffered_log_sink.hpp"

namespace latchkey::app {
namespace {

// %j: the log message as a JSON string, so quotes or newlines in it cannot break the line.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& message, const std::tm&,
              spdlog::memory_buf_t& destination) override {
    const std::string escaped = boost::json::serialize(
        boost::json::string(std::string_view(message.payload.data(), message.payload.size())));
    destination.append(escaped.data(), escaped.data() + escaped.size());
  }
  [[nodiscard]] std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void configure_logging(LogFormat format) {
  // Logs go to stderr; stdout carries only the start-up lines people and scripts read. Every
  // request logs a line, so the sink must neither lock across threads nor cost a write(2) per
  // line: lines are buffered per thread and written every 200 ms, at once after a warning.
  auto sink = std::make_shared<BufferedLogSink>(STDERR_FILENO, std::chrono::milliseconds(200));
  auto logger = std::make_shared<spdlog::logger>("latchkey", std::move(sink));
  if (format == LogFormat::kJson) {
    auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    formatter->add_flag<JsonMessageFlag>('j').set_pattern(
        R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","thread":%t,"message":%j})");
    logger->set_formatter(std::move(formatter));
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc);
  }
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);
  spdlog::flush_on(spdlog::level::warn);
}

}  // namespace latchkey::app
