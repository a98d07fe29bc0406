// Files a route answers for download: the bytes with their Content-Type, a Content-Disposition
// that saves them under a name, no caching; and the office's lists (office::Table) as CSV or .xlsx,
// the format a route's path or ?format= names.
#pragma once
#include <string>
#include <string_view>

#include "platform/http/message.hpp"
#include "platform/office/table.hpp"

namespace renkei::http {

inline constexpr std::string_view kCsvType = "text/csv; charset=utf-8";
inline constexpr std::string_view kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// 200 with `bytes`, saved as `filename` (UTF-8; AttachmentDisposition), not cached.
Response Download(std::string bytes, std::string_view content_type, const std::string& filename);
// `table` as `format`, "csv" or "xlsx" (anything else is a bug: kInternal), saved as `name`.csv
// or `name`.xlsx.
Response TableDownload(const office::Table& table, std::string_view format, const std::string& name);
// The language of an export, ?lang=: "ja" (the default) or "en"; kInvalid naming "lang" otherwise.
std::string ExportLanguage(const Request& req);

}  // namespace renkei::http
