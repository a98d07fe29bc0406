#include "platform/http/metrics.hpp"

#include <fmt/format.h>

namespace renkei::http {

Metrics::Metrics(std::vector<std::string> labels) : labels_(std::move(labels)) {
    labels_.push_back("static");
    labels_.push_back("unmatched");
    slots_ = std::make_unique<Slot[]>(labels_.size());
}

void Metrics::Record(int slot, int status, double seconds) {
    Slot& s = slots_[slot];
    int cls = status / 100;
    s.by_class[(cls >= 1 && cls <= 5) ? cls - 1 : 5].fetch_add(1, std::memory_order_relaxed);
    size_t b = 0;
    while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
    s.buckets[b].fetch_add(1, std::memory_order_relaxed);
    s.micros_total.fetch_add(static_cast<unsigned long long>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render() const {
    static const char* kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
    std::string out =
        "# HELP renkei_http_requests_total HTTP requests by route and status class.\n"
        "# TYPE renkei_http_requests_total counter\n";
    for (size_t i = 0; i < labels_.size(); ++i)
        for (int c = 0; c < 6; ++c) {
            auto n = slots_[i].by_class[c].load(std::memory_order_relaxed);
            if (n)
                out += fmt::format("renkei_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", labels_[i],
                                   kClasses[c], n);
        }
    out +=
        "# HELP renkei_http_request_duration_seconds Time from a complete request to its response.\n"
        "# TYPE renkei_http_request_duration_seconds histogram\n";
    for (size_t i = 0; i < labels_.size(); ++i) {
        const Slot& s = slots_[i];
        unsigned long long cumulative = 0;
        for (size_t b = 0; b <= kBuckets.size(); ++b) cumulative += s.buckets[b].load(std::memory_order_relaxed);
        if (cumulative == 0) continue;
        unsigned long long running = 0;
        for (size_t b = 0; b < kBuckets.size(); ++b) {
            running += s.buckets[b].load(std::memory_order_relaxed);
            out += fmt::format("renkei_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", labels_[i],
                               kBuckets[b], running);
        }
        out += fmt::format("renkei_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", labels_[i],
                           cumulative);
        out += fmt::format("renkei_http_request_duration_seconds_sum{{route=\"{}\"}} {:.6f}\n", labels_[i],
                           s.micros_total.load(std::memory_order_relaxed) / 1e6);
        out += fmt::format("renkei_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", labels_[i], cumulative);
    }
    return out;
}

}  // namespace renkei::http
