// Request counters and latency histograms per route, rendered as Prometheus text.
// Lock-free on the request path: one slot of atomics per route, fixed at start-up.
#pragma once
#include <array>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace renkei::http {

class Metrics {
  public:
    // `labels` are the route patterns (e.g. "GET /api/people/{id}"), indexed like the routes;
    // two more slots follow for static files and for unmatched requests.
    explicit Metrics(std::vector<std::string> labels);
    int StaticSlot() const { return static_cast<int>(labels_.size()) - 2; }
    int UnmatchedSlot() const { return static_cast<int>(labels_.size()) - 1; }
    void Record(int slot, int status, double seconds);
    std::string Render() const;

  private:
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
    struct Slot {
        std::array<std::atomic<unsigned long long>, 6> by_class{};  // 1xx..5xx, other
        std::array<std::atomic<unsigned long long>, kBuckets.size() + 1> buckets{};
        std::atomic<unsigned long long> micros_total{0};
    };
    std::vector<std::string> labels_;
    std::unique_ptr<Slot[]> slots_;
};

}  // namespace renkei::http
