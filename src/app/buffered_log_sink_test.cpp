#include "app/buffered_log_sink.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace latchkey::app {
namespace {

using namespace std::chrono_literals;

// A pipe whose read end is drained by a thread, so writers never block on a full pipe.
class CapturedPipe {
 public:
  CapturedPipe() {
    if (::pipe(fds_.data()) != 0) throw std::runtime_error("pipe");
    reader_ = std::thread([this] {
      std::array<char, 4096> chunk{};
      ssize_t n = 0;
      while ((n = ::read(fds_[0], chunk.data(), chunk.size())) > 0) {
        text_.append(chunk.data(), static_cast<std::size_t>(n));
      }
    });
  }
  ~CapturedPipe() {
    close_writer();
    reader_.join();
    ::close(fds_[0]);
  }
  int writer() const { return fds_[1]; }
  // Closes the write end and waits for everything written to arrive.
  std::string finish() {
    close_writer();
    reader_.join();
    reader_ = std::thread([] {});
    return text_;
  }

 private:
  void close_writer() {
    if (fds_[1] >= 0) ::close(fds_[1]);
    fds_[1] = -1;
  }
  std::array<int, 2> fds_{-1, -1};
  std::string text_;
  std::thread reader_;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

TEST(BufferedLogSink, ManyThreadsWriteWholeLinesEachExactlyOnceInTheirOwnOrder) {
  CapturedPipe pipe;
  constexpr int kThreads = 8;
  constexpr int kLinesPerThread = 2000;
  {
    auto sink = std::make_shared<BufferedLogSink>(pipe.writer(), 5ms);
    spdlog::logger logger("test", sink);
    logger.set_pattern("%v");
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&logger, t] {
        for (int i = 0; i < kLinesPerThread; ++i) logger.info("thread={} line={} {}", t, i, "x");
      });
    }
    for (auto& thread : threads) thread.join();
  }  // the sink's destructor writes what is left
  std::map<int, int> next_line;
  const auto lines = lines_of(pipe.finish());
  ASSERT_EQ(lines.size(), std::size_t{kThreads} * kLinesPerThread);
  for (const auto& line : lines) {
    int thread = -1;
    int number = -1;
    ASSERT_EQ(std::sscanf(line.c_str(), "thread=%d line=%d x", &thread, &number), 2) << line;
    EXPECT_EQ(number, next_line[thread]) << "out of order or torn: " << line;
    next_line[thread] = number + 1;
  }
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(next_line[t], kLinesPerThread);
}

TEST(BufferedLogSink, LinesWaitForTheFlusherButFlushWritesThemAtOnce) {
  std::array<int, 2> fds{};
  ASSERT_EQ(::pipe(fds.data()), 0);
  ASSERT_EQ(::fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
  const auto read_now = [&fds] {
    std::array<char, 256> chunk{};
    const ssize_t n = ::read(fds[0], chunk.data(), chunk.size());
    return n > 0 ? std::string(chunk.data(), static_cast<std::size_t>(n)) : std::string();
  };
  {
    auto sink = std::make_shared<BufferedLogSink>(fds[1], std::chrono::hours(1));
    spdlog::logger logger("test", sink);
    logger.set_pattern("%v");
    logger.warn("urgent");
    EXPECT_EQ(read_now(), "") << "written before any flush";
    logger.flush();
    EXPECT_EQ(read_now(), "urgent\n");
  }
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST(BufferedLogSink, AFullBufferDropsLinesAndSaysHowMany) {
  CapturedPipe pipe;
  {
    auto sink = std::make_shared<BufferedLogSink>(pipe.writer(), std::chrono::hours(1), 20);
    spdlog::logger logger("test", sink);
    logger.set_pattern("%v");
    logger.info("0123456789");  // 11 bytes with the newline: fits
    logger.info("0123456789");  // would make 22: dropped
    logger.info("0123456789");  // dropped
  }
  EXPECT_EQ(pipe.finish(), "0123456789\nlog buffer full: 2 lines dropped\n");
}

TEST(BufferedLogSink, ANewPatternReachesThreadsThatAlreadyLogged) {
  CapturedPipe pipe;
  {
    auto sink = std::make_shared<BufferedLogSink>(pipe.writer(), std::chrono::hours(1));
    spdlog::logger logger("test", sink);
    logger.set_pattern("a:%v");
    logger.info("one");
    logger.set_pattern("b:%v");
    logger.info("two");
  }
  EXPECT_EQ(pipe.finish(), "a:one\nb:two\n");
}

}  // namespace
}  // namespace latchkey::app
