#include "platform/office/xlsx.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "platform/error.hpp"

namespace renkei::office {

Workbook::Workbook() {
    char name[] = "/tmp/renkei-xlsx-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw Error{ErrorCode::kInternal, "", "xlsx: cannot create a temporary file"};
    close(fd);
    path_ = name;
    book_ = workbook_new(path_.c_str());
    if (!book_) {
        std::remove(path_.c_str());
        throw Error{ErrorCode::kInternal, "", "xlsx: cannot start a workbook"};
    }
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
    head_ = workbook_add_format(book_);
    format_set_bold(head_);
    format_set_bg_color(head_, 0xDDEBF7);
    format_set_border(head_, LXW_BORDER_THIN);
    format_set_text_wrap(head_);
    cell_ = workbook_add_format(book_);
    format_set_border(cell_, LXW_BORDER_THIN);
    format_set_text_wrap(cell_);
    format_set_align(cell_, LXW_ALIGN_VERTICAL_TOP);
    number_ = workbook_add_format(book_);
    format_set_border(number_, LXW_BORDER_THIN);
    format_set_num_format(number_, "#,##0");
    for (auto* f : {title_, head_, cell_, number_}) format_set_font_name(f, "游ゴシック");
}

Workbook::~Workbook() {
    if (book_) workbook_close(book_);
    std::remove(path_.c_str());
}

lxw_worksheet* Workbook::Sheet(const std::string& name, const std::string& title, const std::vector<std::string>& heads,
                               const std::vector<double>& widths) {
    auto* s = workbook_add_worksheet(book_, name.c_str());
    worksheet_write_string(s, 0, 0, title.c_str(), title_);
    for (size_t i = 0; i < heads.size(); ++i) {
        worksheet_set_column(s, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), widths[i], nullptr);
        worksheet_write_string(s, 3, static_cast<lxw_col_t>(i), heads[i].c_str(), head_);
    }
    worksheet_freeze_panes(s, 4, 0);
    worksheet_set_landscape(s);
    worksheet_set_paper(s, 9);  // A4
    row_[s] = 4;
    return s;
}

void Workbook::Line(lxw_worksheet* s, int row, const std::string& text) {
    worksheet_write_string(s, static_cast<lxw_row_t>(row), 0, text.c_str(), nullptr);
}

void Workbook::Row(lxw_worksheet* s, const std::vector<std::string>& cells, int number_column, long long number) {
    auto r = static_cast<lxw_row_t>(row_[s]++);
    for (size_t i = 0; i < cells.size(); ++i) {
        if (static_cast<int>(i) == number_column)
            worksheet_write_number(s, r, static_cast<lxw_col_t>(i), static_cast<double>(number), number_);
        else
            worksheet_write_string(s, r, static_cast<lxw_col_t>(i), cells[i].c_str(), cell_);
    }
}

void Workbook::Row(lxw_worksheet* s, const std::vector<std::string>& cells, const std::set<size_t>& number_columns) {
    auto r = static_cast<lxw_row_t>(row_[s]++);
    for (size_t i = 0; i < cells.size(); ++i) {
        const std::string& text = cells[i];
        long long number = 0;
        const char* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, number);
        if (number_columns.count(i) && !text.empty() && ec == std::errc() && ptr == end)
            worksheet_write_number(s, r, static_cast<lxw_col_t>(i), static_cast<double>(number), number_);
        else
            worksheet_write_string(s, r, static_cast<lxw_col_t>(i), text.c_str(), cell_);
    }
}

std::string Workbook::Bytes() {
    lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR) throw Error{ErrorCode::kInternal, "", std::string("xlsx: ") + lxw_strerror(e)};
    std::ifstream in(path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace renkei::office
