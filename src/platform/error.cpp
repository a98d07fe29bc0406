#include "platform/error.hpp"

namespace renkei {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kBadRequest:
            return "bad_request";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kForbidden:
            return "forbidden";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kMethodNotAllowed:
            return "method_not_allowed";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kPayloadTooLarge:
            return "payload_too_large";
        case ErrorCode::kInvalid:
            return "invalid";
        case ErrorCode::kTooManyRequests:
            return "too_many_requests";
        case ErrorCode::kInternal:
            return "internal";
        case ErrorCode::kUnavailable:
            return "unavailable";
    }
    return "internal";
}

int ErrorStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kBadRequest:
            return 400;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kMethodNotAllowed:
            return 405;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kPayloadTooLarge:
            return 413;
        case ErrorCode::kInvalid:
            return 422;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kInternal:
            return 500;
        case ErrorCode::kUnavailable:
            return 503;
    }
    return 500;
}

}  // namespace renkei
