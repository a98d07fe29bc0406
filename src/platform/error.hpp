// The one error type of Renkei: thrown anywhere below the routes, mapped to an HTTP status
// in exactly one place (platform/http/router.cpp). Its message is safe to show a user.
#pragma once
#include <boost/json/object.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace renkei {

// Client errors first, server errors after.
enum class ErrorCode {
    kBadRequest,        // 400: body is not JSON or not an object
    kUnauthenticated,   // 401
    kForbidden,         // 403
    kNotFound,          // 404
    kMethodNotAllowed,  // 405
    kConflict,          // 409
    kPayloadTooLarge,   // 413
    kInvalid,           // 422: a field is missing or wrong
    kTooManyRequests,   // 429
    kInternal,          // 500
    kUnavailable,       // 503
};

class Error : public std::runtime_error {
  public:
    Error(ErrorCode code, std::string field, const std::string& message, int retry_after_seconds = 0)
        : std::runtime_error(message), code_(code), field_(std::move(field)), retry_after_(retry_after_seconds) {}
    ErrorCode code() const { return code_; }
    // The offending input field, or empty when no single field is at fault.
    const std::string& field() const { return field_; }
    // For kTooManyRequests / kUnavailable: when to try again (0 = unspecified).
    int retry_after() const { return retry_after_; }
    // Details the client needs beside the message (a conflict's clashing bookings): members of
    // the response body next to "error". The router writes them; no route builds its own error.
    const boost::json::object& details() const { return details_; }
    Error& With(std::string_view key, boost::json::value value) {
        details_[key] = std::move(value);
        return *this;
    }
    // Another error's details, for a caller that restates an error in its own terms.
    Error& WithDetails(const boost::json::object& details) {
        for (const auto& kv : details) details_[kv.key()] = kv.value();
        return *this;
    }

  private:
    ErrorCode code_;
    std::string field_;
    int retry_after_;
    boost::json::object details_;
};

// The wire name of a code ("invalid", "not_found", ...) and its HTTP status.
const char* ErrorCodeName(ErrorCode code);
int ErrorStatus(ErrorCode code);

inline Error Invalid(std::string field, const std::string& message) {
    return Error{ErrorCode::kInvalid, std::move(field), message};
}
inline Error NotFound(const std::string& what) { return Error{ErrorCode::kNotFound, "", what + " not found"}; }
inline Error Forbidden(const std::string& message = "not allowed") { return Error{ErrorCode::kForbidden, "", message}; }

}  // namespace renkei
