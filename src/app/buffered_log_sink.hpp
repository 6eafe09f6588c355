#pragma once
// A spdlog sink with no lock shared between request threads. Every request writes an
// access-log line, so a sink with one mutex (spdlog's own) would be a global lock on every
// request path. Here each thread formats into its own buffer, guarded by a mutex that only the
// flusher ever contends for, and one flusher thread writes the buffers out every `interval`, or
// at once on flush() (spdlog calls it after a warning). One writer means whole lines, never
// interleaved, whatever the descriptor is (a pipe, a file, a terminal).
//
//   auto sink = std::make_shared<BufferedLogSink>(STDERR_FILENO, std::chrono::milliseconds(200));
//   auto logger = std::make_shared<spdlog::logger>("latchkey", sink);
//
// A thread whose buffer holds more than `max_buffered_bytes` (the descriptor is stuck) drops
// lines rather than grow without bound; the next write says how many were dropped.

#include <spdlog/sinks/sink.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace latchkey::app {

class BufferedLogSink final : public spdlog::sinks::sink {
 public:
  static constexpr std::size_t kDefaultMaxBufferedBytes = std::size_t{4} << 20U;

  BufferedLogSink(int fd, std::chrono::milliseconds interval,
                  std::size_t max_buffered_bytes = kDefaultMaxBufferedBytes);
  // Stops the flusher and writes whatever is still buffered.
  ~BufferedLogSink() override;
  BufferedLogSink(const BufferedLogSink&) = delete;
  BufferedLogSink& operator=(const BufferedLogSink&) = delete;

  void log(const spdlog::details::log_msg& message) override;
  // Writes every thread's buffered lines now.
  void flush() override;
  void set_pattern(const std::string& pattern) override;
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override;

 private:
  struct ThreadBuffer {
    std::mutex mutex;
    std::string lines;
    std::uint64_t dropped = 0;
    std::unique_ptr<spdlog::formatter> formatter;
    std::uint64_t formatter_generation = 0;
  };

  ThreadBuffer& local_buffer();
  void refresh_formatter(ThreadBuffer& buffer);
  void run_flusher();
  void write_all(const std::string& text) const;

  const int fd_;
  const std::chrono::milliseconds interval_;
  const std::size_t max_buffered_bytes_;
  const std::uint64_t serial_;  // tells this sink's per-thread buffers from another sink's

  std::mutex registry_mutex_;  // taken when a thread first logs or the pattern changes
  std::vector<std::shared_ptr<ThreadBuffer>> buffers_;
  std::unique_ptr<spdlog::formatter> prototype_;
  std::atomic<std::uint64_t> formatter_generation_{1};

  std::mutex write_mutex_;  // one writer at a time: the flusher or an explicit flush()
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread flusher_;
};

}  // namespace latchkey::app
