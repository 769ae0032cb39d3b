// Work split over threads, the calling thread included.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace minutes {

// The threads a query command uses: `requested`, or one per core, at most 4 (0).
inline unsigned query_threads(unsigned requested) {
    return requested ? requested : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

// Calls task(0) on this thread and task(1) .. task(n - 1) on threads of their own, waits for
// all, then rethrows the error of the lowest-numbered task that failed.
template <typename Task>
void run_in_parallel(std::size_t n, const Task& task) {
    std::vector<std::exception_ptr> errors(n);
    auto guarded = [&](std::size_t i) {
        try {
            task(i);
        } catch (...) {
            errors[i] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < n; ++i)
        threads.emplace_back(guarded, i);
    if (n > 0) guarded(0);
    for (auto& thread : threads)
        thread.join();
    for (const auto& error : errors)
        if (error) std::rethrow_exception(error);
}

}  // namespace minutes
